// The `yaml` package, loaded when the first YAML file (a lint config, run profiles, a compose file) is
// read, not when the extension activates. One loader for every reader.
import type * as Yaml from 'yaml';

let yamlModule: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof Yaml);
}
