// What detection finds in a project and what generation is asked to make. Plain data: the CLI
// prints it as JSON and the editor command shows it.

/** One Python dependency as declared (not resolved). `name` is PEP 503-normalised. */
export interface PyDep {
  name: string;
  /** The version specifier as written (`==2.3.1`, `>=1.0,<2`), '' when unpinned. */
  spec: string;
  /** The exact version when the spec is `==X` (or a lock file says so). */
  exact?: string;
  /** Local version label of an exact pin (`cu121`, `cpu`). */
  local?: string;
  extras: string[];
  marker?: string;
  /** File (relative to the project) that declared it. */
  from: string;
}

export interface PyIndex {
  url: string;
  /** `index` replaces PyPI (`--index-url`, a default/primary source); `extra` adds to it. */
  kind: 'index' | 'extra';
  from: string;
}

export type DepSource =
  | { kind: 'requirements'; files: string[] }
  | { kind: 'uv'; lock: boolean }
  | { kind: 'poetry'; lock: boolean }
  | { kind: 'pipenv'; lock: boolean }
  | { kind: 'pyproject' }
  | { kind: 'conda'; file: string }
  | { kind: 'setup'; file: string }
  | { kind: 'renv' }
  | { kind: 'description' }
  | { kind: 'none' };

export type AppKind =
  | 'fastapi'
  | 'flask'
  | 'starlette'
  | 'streamlit'
  | 'gradio'
  | 'vllm'
  | 'mlflow'
  | 'plumber'
  | 'train'
  | 'script'
  | 'notebook'
  | 'none';

export interface AppInfo {
  kind: AppKind;
  /** The file that holds the app (`app.py`, `src/api/main.py`, `plumber.R`). */
  file?: string;
  /** Python import path of the app object (`app:app`, `api.main:app`) for ASGI/WSGI servers. */
  target?: string;
  /** A `[project.scripts]` name to run. */
  script?: string;
  /** A model id for model servers (vLLM), when the project names one. */
  model?: string;
  port?: number;
  /** Why: file and line or the convention used. */
  evidence: string;
}

export interface CudaVersion { major: number; minor: number }

export interface GpuInfo {
  /** The project asks for a GPU (CUDA wheels, GPU-only packages). */
  needed: boolean;
  /** Each CUDA version something in the project pins, with what said so. */
  cuda: { version: CudaVersion; what: string }[];
  /** Packages that build CUDA code at install time (need a devel stage). */
  compiles: string[];
  /** What said "GPU" (package names, index URLs). */
  reasons: string[];
  /** A CPU build was asked for explicitly (`+cpu`, the CPU index). */
  cpuPinned: boolean;
}

export interface PythonVersion { version: string; from: string }

export interface RProject {
  version?: string;
  packages: string[];
  renvLock: boolean;
  /** renv's own version recorded in renv.lock. */
  renvVersion?: string;
  from: string;
}

export interface Detected {
  language: 'python' | 'r' | 'unknown';
  source: DepSource;
  deps: PyDep[];
  indexes: PyIndex[];
  python?: PythonVersion;
  /** `requires-python` as written, when present. */
  requiresPython?: string;
  r?: RProject;
  app: AppInfo;
  gpu: GpuInfo;
  /** Top-level entries to keep out of the image (`data/`, `*.ckpt`, `.venv/`), in a stable order. */
  exclude: string[];
  /** Model weight files next to the code (outside data folders), which .dockerignore keeps out. */
  weights: string[];
  /** Files with dependency information (relative), for the COPY before the install layer. */
  manifestFiles: string[];
  /** Non-fatal problems found while reading (malformed files). */
  notes: string[];
}

export type GpuChoice = 'auto' | 'yes' | 'no';

export interface Choices {
  gpu: GpuChoice;
  /** `major.minor` to force a CUDA version. */
  cuda?: string;
  /** `major.minor` to force a Python version. */
  python?: string;
  port?: number;
  /** Where Python dependencies come from: pip/uv/conda as detected, or Debian's python3-* packages. */
  deps?: 'auto' | 'apt';
  /** Image name used as the key of the run profile. */
  image?: string;
}

export interface Plan {
  gpu: boolean;
  cuda?: CudaVersion;
  python?: string;
  base: string;
  /** A devel stage is needed (CUDA extensions compile at install time). */
  buildBase?: string;
  port?: number;
  warnings: string[];
  /** The table date(s) the base came from. */
  tableDate?: string;
  /** What decided the CUDA version. */
  cudaWhy?: string;
  /** Lowest NVIDIA Linux driver that runs the chosen CUDA major. */
  minDriver?: string;
}

export interface GeneratedFiles {
  Dockerfile: string;
  '.dockerignore': string;
  '.vscode/ml-containers.yaml': string;
}

export interface ContainerizeResult {
  detected: Detected;
  plan: Plan;
  files: GeneratedFiles;
  warnings: string[];
}
