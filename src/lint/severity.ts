// One rule's severity after the config file, the editor settings and the ignore lists. Apart from
// index.ts so that the ShellCheck pass (loaded at extension activation) needs no rule code.
import { SEVERITIES, type LintOptions, type Severity } from './types';

/** The severity a rule ends up with after config overrides, settings and ignore lists. */
export function effectiveSeverity(code: string, defaultLevel: Severity, options: LintOptions = {}): Severity {
  const cfg = options.config ?? {};
  if (cfg.ignored?.some((c) => c.toUpperCase() === code)) return 'ignore';
  if (options.ignore?.some((c) => c.toUpperCase() === code)) return 'ignore';
  const setting = options.severityOverrides?.[code];
  if (setting) return setting;
  let level = defaultLevel;
  const ov = cfg.override;
  if (ov) {
    for (const sev of SEVERITIES) {
      if (ov[sev]?.some((c) => c.toUpperCase() === code)) level = sev;
    }
  }
  return level;
}
