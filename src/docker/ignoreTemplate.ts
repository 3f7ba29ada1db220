// The .dockerignore template for ML projects. Pure: shared by the createDockerignore command and
// checked against the `ml-dockerignore` snippet by a unit test, so the two cannot drift apart.
import { parseIgnoreText } from './ignore';

/** Lines of the template, comments included. Patterns use `**` so they match at any depth. */
export const DOCKERIGNORE_TEMPLATE: readonly string[] = [
  '# Keep the build context small: data, checkpoints and environments belong in mounts, not layers.',
  '',
  '# Version control and editors',
  '.git',
  '.gitignore',
  '.vscode',
  '.idea',
  '',
  '# Python environments and caches',
  '.venv',
  'venv',
  '**/__pycache__',
  '**/*.py[cod]',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '**/*.egg-info',
  '',
  '# Notebook checkpoints',
  '**/.ipynb_checkpoints',
  '',
  '# Datasets, checkpoints and experiment tracking: mount them at run time instead',
  'data',
  'datasets',
  'checkpoints',
  'models',
  'outputs',
  'runs',
  'lightning_logs',
  'wandb',
  'mlruns',
  '**/*.ckpt',
  '**/*.pt',
  '**/*.pth',
  '**/*.safetensors',
  '**/*.gguf',
  '**/*.onnx',
  '**/*.h5',
  '',
  '# Secrets',
  '.env',
  '**/*.pem',
];

/** The template as file text, ending with a newline. */
export function dockerignoreText(): string {
  return DOCKERIGNORE_TEMPLATE.join('\n') + '\n';
}

/**
 * The template's patterns that an existing .dockerignore does not list yet, in template order. Both
 * sides are read as Docker reads them (so `/data/` lists `data`; an exception `!data` does not).
 */
export function missingPatterns(existing: string): string[] {
  let present: Set<string>;
  try {
    present = new Set(parseIgnoreText(existing));
  } catch {
    present = new Set();
  }
  return DOCKERIGNORE_TEMPLATE.filter((l) => l !== '' && !l.startsWith('#') && !parseIgnoreText(l).every((p) => present.has(p)));
}
