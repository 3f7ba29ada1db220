// The .dockerignore template for ML projects. Pure: shared by the createDockerignore command and
// checked against the `ml-dockerignore` snippet by a unit test, so the two cannot drift apart.

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
 * The template's patterns that an existing .dockerignore does not list yet (exact line match,
 * ignoring surrounding whitespace and a trailing `/`), in template order.
 */
export function missingPatterns(existing: string): string[] {
  const norm = (l: string): string => l.trim().replace(/\/+$/, '');
  const present = new Set(existing.split(/\r?\n/).map(norm).filter((l) => l !== '' && !l.startsWith('#')));
  return DOCKERIGNORE_TEMPLATE.filter((l) => l !== '' && !l.startsWith('#') && !present.has(norm(l)));
}
