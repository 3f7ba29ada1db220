// Generation: the Dockerfile, the .dockerignore and the run profile for a plan. Pure text out.
// Dockerfiles keep dependency layers before the code (cache reuse), use BuildKit cache mounts for
// uv/pip, run as a non-root user, use exec-form CMD, and give servers EXPOSE and a HEALTHCHECK.
import { archRangeOf, compareVersions, pythonIsEol } from '../ml';
import { upsertProfile, type RunProfile } from '../docker/run/profiles';
import { DOCKERIGNORE_TEMPLATE } from '../docker/ignoreTemplate';
import { debianPackages } from './debian';
import { cudaString } from './gpu';
import { DEFAULT_PORTS } from './app';
import { MICROMAMBA_IMAGE, TOOL_PINS, UV_IMAGE } from './defaults';
import type { AppInfo, Choices, Detected, GeneratedFiles, Plan } from './types';


const USER = 'app';
const UID = 10001;
const VENV = '/opt/venv';
const HOME = `/home/${USER}`;
const CACHE_UV = '--mount=type=cache,target=/root/.cache/uv';

const exec = (args: string[]): string => `[${args.map((a) => JSON.stringify(a)).join(', ')}]`;

/** `COPY` lines for manifest files, keeping their folders (`-r sub/base.txt` must resolve in the image). */
function copyManifests(files: string[], chown = ''): string[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const i = f.lastIndexOf('/');
    const dir = i < 0 ? '' : f.slice(0, i + 1);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const out: string[] = [];
  for (const [dir, list] of [...byDir.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`COPY ${chown}${list.join(' ')} ${dir || './'}`);
  }
  return out;
}

/** The interpreter command inside the image (Debian's packages use python3). */
function py(aptMode: boolean): string {
  return aptMode ? 'python3' : 'python';
}

function healthcheck(app: AppInfo, port: number, aptMode: boolean, lang: 'python' | 'r'): string[] {
  const start = app.kind === 'vllm' ? '600s' : app.kind === 'gradio' || app.kind === 'streamlit' ? '60s' : '30s';
  const opts = `--interval=30s --timeout=5s --start-period=${start} --retries=3`;
  if (lang === 'r') {
    return [`HEALTHCHECK ${opts} CMD ${exec(['Rscript', '-e', `close(socketConnection('127.0.0.1', ${port}, open = 'r', timeout = 5))`])}`];
  }
  // a TCP connect proves the server listens without assuming an endpoint the app may not have;
  // model servers with a readiness endpoint are probed there
  const code = app.kind === 'vllm'
    ? `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}/health', timeout=5)`
    : `import socket; socket.create_connection(('127.0.0.1', ${port}), timeout=5).close()`;
  return [`HEALTHCHECK ${opts} CMD ${exec([py(aptMode), '-c', code])}`];
}

function hasDep(d: Detected, name: string): boolean {
  return d.deps.some((x) => x.name === name || (name === 'uvicorn' && x.name === 'fastapi' && x.extras.includes('standard')));
}

/** The command that starts the app, and warnings about it. */
function command(d: Detected, port: number | undefined, aptMode: boolean, warnings: string[]): { entrypoint?: string[]; cmd: string[] } {
  const a = d.app;
  const p = String(port ?? DEFAULT_PORTS[a.kind] ?? 8000);
  const python = py(aptMode);
  switch (a.kind) {
    case 'fastapi':
    case 'starlette':
      if (!hasDep(d, 'uvicorn')) warnings.push(`The ${a.kind === 'fastapi' ? 'FastAPI' : 'Starlette'} app is served with uvicorn, which is not among the dependencies; add it.`);
      return { cmd: [python, '-m', 'uvicorn', a.target ?? 'app:app', '--host', '0.0.0.0', '--port', p] };
    case 'flask':
      if (hasDep(d, 'gunicorn')) return { cmd: ['gunicorn', '--bind', `0.0.0.0:${p}`, a.target ?? 'app:app'] };
      warnings.push('The Flask app runs on its development server; add gunicorn to the dependencies for production.');
      return { cmd: [python, '-m', 'flask', '--app', a.target ?? 'app:app', 'run', '--host', '0.0.0.0', '--port', p] };
    case 'streamlit':
      return { cmd: ['streamlit', 'run', a.file ?? 'app.py', `--server.port=${p}`, '--server.address=0.0.0.0', '--server.headless=true'] };
    case 'gradio':
      return { cmd: [python, a.file ?? 'app.py'] };
    case 'vllm':
      if (!a.model) {
        warnings.push('No model id was found for vLLM; the image starts `vllm serve` with its help. Pass the model when running: `docker run IMAGE <model-id>`.');
        return { entrypoint: ['vllm', 'serve'], cmd: ['--help'] };
      }
      return { entrypoint: ['vllm', 'serve'], cmd: [a.model, '--host', '0.0.0.0', '--port', p] };
    case 'mlflow':
      return { cmd: ['mlflow', 'server', '--host', '0.0.0.0', '--port', p, '--backend-store-uri', `${HOME}/mlruns`] };
    case 'train':
    case 'script':
      if (a.script) return { cmd: [a.script] };
      return { cmd: [python, a.file ?? 'main.py'] };
    case 'notebook':
      return { cmd: ['jupyter', 'lab', '--ip=0.0.0.0', `--port=${p}`, '--no-browser', `--ServerApp.root_dir=/app`] };
    case 'plumber':
      return { cmd: ['R', '-e', `pr <- plumber::plumb('${a.file ?? 'plumber.R'}'); pr$run(host = '0.0.0.0', port = ${p})`] };
    default:
      warnings.push('No entry point was found; the image starts a Python shell. Set CMD to what the project runs.');
      return { cmd: [python] };
  }
}

const SERVER_KINDS = new Set(['fastapi', 'starlette', 'flask', 'streamlit', 'gradio', 'vllm', 'mlflow', 'notebook', 'plumber']);

function describe(d: Detected, plan: Plan, c: Choices): string[] {
  const lines: string[] = [];
  const src = d.source;
  const deps =
    src.kind === 'requirements' ? src.files.join(', ')
      : src.kind === 'uv' ? 'pyproject.toml + uv.lock'
        : src.kind === 'poetry' ? `pyproject.toml (Poetry)${src.lock ? ' + poetry.lock' : ''}`
          : src.kind === 'pipenv' ? `Pipfile${src.lock ? ' + Pipfile.lock' : ''}`
            : src.kind === 'conda' ? src.file
              : src.kind === 'setup' ? src.file
                : src.kind === 'pyproject' ? 'pyproject.toml'
                  : src.kind === 'renv' ? 'renv.lock'
                    : src.kind === 'description' ? 'DESCRIPTION' : 'none found';
  lines.push(`# Generated by ML Containers: Containerize This Project. Review before use.`);
  if (d.language === 'r') lines.push(`# Detected: R ${d.r?.version ?? '(version not pinned)'}; packages from ${d.r?.from ?? 'nothing'}; runs ${d.app.kind} (${d.app.evidence}).`);
  else lines.push(`# Detected: Python ${plan.python}${d.python ? ` (${d.python.from})` : ''}; dependencies from ${deps}${c.deps === 'apt' ? ' (installed as Debian packages)' : ''}; runs ${d.app.kind} (${d.app.evidence}).`);
  if (plan.gpu && plan.cuda) {
    lines.push(`# GPU: CUDA ${cudaString(plan.cuda)} from ${plan.cudaWhy ?? 'the choice made'}; NVIDIA driver >= ${plan.minDriver ?? 'unknown'} on the host.`);
    if (d.source.kind === 'conda' && c.deps !== 'apt') lines.push('# The CUDA libraries come from the conda environment; the base image has none.');
    else lines.push(`# Base image chosen from the nvidia/cuda image table of ${plan.tableDate}.`);
  } else if (d.language !== 'r') {
    lines.push(`# CPU only${d.gpu.needed ? ' (GPU packages were found but a CPU image was chosen)' : ''}; Python ${plan.python} status from the Python table of ${plan.tableDate ?? 'unknown date'}.`);
  }
  return lines;
}

/** TORCH_CUDA_ARCH_LIST for a build without a GPU: common data-center and desktop GPUs the toolkit can target. */
function archList(cuda: string): string {
  const range = archRangeOf(cuda);
  const wanted = ['7.0', '7.5', '8.0', '8.6', '8.9', '9.0', '10.0', '12.0'];
  const caps = range ? wanted.filter((c) => compareVersions(c, range.lowest) >= 0 && compareVersions(c, range.highest) <= 0) : ['8.0', '8.6', '9.0'];
  return caps.map((c, i) => (i === caps.length - 1 ? `${c}+PTX` : c)).join(' ');
}

interface PyInstall {
  /** Lines before `COPY . .` (dependency layer). */
  deps: string[];
  /** Lines after `COPY . .` (installing the project itself). */
  after: string[];
}

/** Index options the install needs beyond the project's own files (CPU/CUDA torch builds). */
function torchIndexArgs(d: Detected, plan: Plan): string {
  // uv stops at the first index that has a package; requirements written for pip expect the best
  // match across all indexes (a `+cu121` pin next to PyPI), so pip's behaviour is asked for
  const strategy = ' --index-strategy unsafe-best-match';
  if (!d.deps.some((x) => x.name === 'torch' || x.name === 'torchvision' || x.name === 'torchaudio')) return d.indexes.length ? strategy : '';
  const want = plan.gpu && plan.cuda ? `cu${plan.cuda.major}${plan.cuda.minor}` : 'cpu';
  const url = `https://download.pytorch.org/whl/${want}`;
  if (d.indexes.some((i) => i.url.replace(/\/+$/, '') === url)) return strategy;
  return ` --extra-index-url ${url}${strategy}`;
}

/** One RUN with a uv cache mount for several commands. */
function runUv(cmds: string[]): string {
  return `RUN ${CACHE_UV} ${cmds.join(' \\\n    && ')}`;
}

function pythonInstall(d: Detected, plan: Plan, warnings: string[]): PyInstall {
  const src = d.source;
  const idx = torchIndexArgs(d, plan);
  const compiles = plan.gpu && d.gpu.compiles.length ? d.gpu.compiles : [];
  const noIso = compiles.map((p) => ` --no-build-isolation-package=${p}`).join('');
  const torch = d.deps.find((x) => x.name === 'torch');
  // packages that compile against torch need it installed before they build
  const torchFirst = compiles.length && torch && torch.exact ? [`uv pip install${idx} torch==${torch.exact}${torch.local ? '+' + torch.local : ''}`] : [];
  const needsProject = d.app.kind === 'script' && !!d.app.script;
  const jupyter = d.app.kind === 'notebook' && !d.deps.some((x) => x.name === 'jupyterlab' || x.name === 'notebook' || x.name === 'jupyter');
  const extraTools = jupyter ? [`uv pip install jupyterlab==${TOOL_PINS.jupyterlab}`] : [];
  switch (src.kind) {
    case 'uv':
      return {
        deps: [...copyManifests(d.manifestFiles), runUv(['uv sync --locked --no-install-project --no-dev', ...extraTools])],
        after: [runUv(['uv sync --locked --no-dev'])],
      };
    case 'poetry':
      return {
        deps: [
          ...copyManifests(d.manifestFiles),
          runUv([`uv pip install poetry==${TOOL_PINS.poetry}`, `poetry install --no-root --only main --no-interaction --no-cache`, ...extraTools]),
        ],
        after: needsProject ? ['RUN poetry install --only-root --no-interaction --no-cache'] : [],
      };
    case 'pipenv':
      return {
        deps: [
          ...copyManifests(d.manifestFiles),
          runUv([`uv pip install pipenv==${TOOL_PINS.pipenv}`, `pipenv install ${src.lock ? '--deploy --ignore-pipfile' : '--skip-lock'}`, ...extraTools]),
        ],
        after: [],
      };
    case 'requirements':
    case 'pyproject':
    case 'setup': {
      const files = src.kind === 'requirements' ? src.files : src.kind === 'pyproject' ? ['pyproject.toml'] : [src.file];
      const first = files[0];
      if (src.kind === 'setup' && src.file === 'setup.py') warnings.push('setup.py is run at build time to read its dependencies; they were not checked here.');
      return {
        deps: [...copyManifests(files), runUv([...torchFirst, `uv pip install -r ${first}${idx}${noIso}`, ...extraTools])],
        after: needsProject || src.kind === 'setup' ? [runUv(['uv pip install --no-deps .'])] : [],
      };
    }
    default:
      if (d.app.kind !== 'none') warnings.push('No dependency file was found (requirements.txt, pyproject.toml, …); only the Python standard library is available in the image.');
      return { deps: extraTools.length ? [runUv(extraTools)] : [], after: [] };
  }
}

function pythonDockerfile(d: Detected, plan: Plan, c: Choices, warnings: string[]): string[] {
  const L: string[] = [...describe(d, plan, c), ''];
  const aptMode = c.deps === 'apt';
  const port = plan.port;
  const server = SERVER_KINDS.has(d.app.kind);
  const { entrypoint, cmd } = command(d, port, aptMode, warnings);
  const envBase = ['PYTHONUNBUFFERED=1', 'PYTHONDONTWRITEBYTECODE=1'];
  if (d.app.kind === 'gradio') envBase.push('GRADIO_SERVER_NAME=0.0.0.0', `GRADIO_SERVER_PORT=${port ?? DEFAULT_PORTS.gradio}`);
  if (plan.gpu || d.app.kind === 'vllm') envBase.push(`HF_HOME=${HOME}/.cache/huggingface`);
  // a src/ layout: the app's modules import from /app/src
  if (d.app.file?.startsWith('src/') || d.app.target && d.app.file?.startsWith('src/')) envBase.push('PYTHONPATH=/app/src');
  const envLine = (vars: string[]): string => `ENV ${vars.join(' \\\n    ')}`;
  const tail = (copyChown: string): string[] => {
    const out = [`COPY ${copyChown}. .`];
    return out;
  };
  const finish = (after: string[]): string[] => {
    const out = [...after, `USER ${UID}`];
    if (server && port) out.push(`EXPOSE ${port}`, ...healthcheck(d.app, port, aptMode, 'python'));
    if (entrypoint) out.push(`ENTRYPOINT ${exec(entrypoint)}`);
    out.push(`CMD ${exec(cmd)}`);
    return out;
  };

  if (aptMode) {
    const names = d.deps.map((x) => x.name);
    const { packages, missing } = debianPackages(names);
    if (missing.length) warnings.push(`No Debian package is known for ${missing.join(', ')}; they are not installed. Use the pip dependency source for them.`);
    if (d.deps.some((x) => x.exact)) warnings.push('Debian packages come in the versions of the Debian release; the pins in the project are not applied.');
    L.push('FROM debian:bookworm-slim', envLine(envBase));
    L.push('# Python libraries from Debian bookworm: their versions are fixed by the release (security updates only),');
    L.push('# so they are not pinned one by one.');
    L.push('# hadolint ignore=DL3008');
    L.push(`RUN apt-get update \\\n    && apt-get install -y --no-install-recommends ${['python3', ...packages].join(' ')} \\\n    && rm -rf /var/lib/apt/lists/* \\\n    && useradd -l -m -u ${UID} ${USER}`);
    L.push('WORKDIR /app', ...tail(''), ...finish([]));
    return L;
  }

  if (d.source.kind === 'conda') return condaDockerfile(d, plan, c, warnings, L, cmd, entrypoint, server);

  const inst = pythonInstall(d, plan, warnings);
  const uvEnv = ['UV_LINK_MODE=copy', 'UV_COMPILE_BYTECODE=1', `VIRTUAL_ENV=${VENV}`, `UV_PROJECT_ENVIRONMENT=${VENV}`];
  const gpuEnv = ['UV_PYTHON_INSTALL_DIR=/opt/python', 'UV_PYTHON_PREFERENCE=only-managed'];
  const seed = d.source.kind === 'pipenv' ? ' --seed' : '';
  const venv = `uv venv${seed} --python ${plan.python} ${VENV}`;
  L.push(`FROM ${UV_IMAGE} AS uv`, '');
  if (plan.gpu && plan.buildBase && plan.cuda) {
    // CUDA extensions compile in a devel stage; the runtime stage gets the finished environment
    L.push(`FROM ${plan.buildBase} AS build`);
    L.push(`COPY --from=uv /uv /usr/local/bin/uv`);
    L.push(envLine([...envBase, ...uvEnv, ...gpuEnv, `TORCH_CUDA_ARCH_LIST="${archList(cudaString(plan.cuda))}"`, 'MAX_JOBS=4']));
    L.push(`ENV PATH=${VENV}/bin:$PATH`);
    L.push(`RUN ${venv}`);
    L.push('WORKDIR /app', ...inst.deps, '');
    L.push(`FROM ${plan.base}`);
    L.push(envLine([...envBase, ...uvEnv, ...gpuEnv]));
    L.push(`ENV PATH=${VENV}/bin:$PATH`);
    L.push(`COPY --from=uv /uv /usr/local/bin/uv`);
    L.push(`RUN useradd -l -m -u ${UID} ${USER}`);
    L.push('COPY --from=build /opt/python /opt/python');
    L.push(`COPY --from=build ${VENV} ${VENV}`);
    L.push('WORKDIR /app', ...tail(''), ...finish(inst.after));
    return L;
  }
  if (!plan.gpu && plan.python && pythonIsEol(plan.python)) {
    // only reached when a framework pin allows no supported Python (the plan warns about it)
    L.push('# The framework pins need this end-of-life Python; upgrade them to move to a supported one.', '# hadolint ignore=ML019');
  }
  L.push(`FROM ${plan.base}`);
  L.push(envLine([...envBase, ...uvEnv, ...(plan.gpu ? gpuEnv : [])]));
  L.push(`ENV PATH=${VENV}/bin:$PATH`);
  L.push(`COPY --from=uv /uv /usr/local/bin/uv`);
  L.push(`RUN useradd -l -m -u ${UID} ${USER} \\\n    && ${venv}`);
  L.push('WORKDIR /app', ...inst.deps, ...tail(''), ...finish(inst.after));
  return L;
}

function condaDockerfile(d: Detected, plan: Plan, c: Choices, warnings: string[], L: string[], cmd: string[], entrypoint: string[] | undefined, server: boolean): string[] {
  const file = d.source.kind === 'conda' ? d.source.file : 'environment.yml';
  const env = ['PYTHONUNBUFFERED=1', 'PYTHONDONTWRITEBYTECODE=1'];
  if (plan.gpu && plan.cuda) {
    // conda resolves CUDA packages against the __cuda virtual package; there is no GPU at build time
    env.push(`CONDA_OVERRIDE_CUDA=${cudaString(plan.cuda)}`, 'NVIDIA_VISIBLE_DEVICES=all', 'NVIDIA_DRIVER_CAPABILITIES=compute,utility');
    warnings.push(`The conda environment brings its own CUDA libraries; the host needs an NVIDIA driver >= ${plan.minDriver ?? 'for CUDA ' + cudaString(plan.cuda)}.`);
  }
  if (d.app.kind === 'notebook' && !d.deps.some((x) => x.name === 'jupyterlab' || x.name === 'notebook')) warnings.push('The notebook image needs jupyterlab; add it to the conda environment.');
  L.push(`FROM ${MICROMAMBA_IMAGE}`);
  L.push(`ENV ${env.join(' \\\n    ')}`);
  L.push(`COPY --chown=$MAMBA_USER:$MAMBA_USER ${file} /tmp/environment.yml`);
  L.push('RUN micromamba install --yes --name base --file /tmp/environment.yml \\\n    && micromamba clean --all --yes');
  L.push('WORKDIR /app');
  L.push('COPY --chown=$MAMBA_USER:$MAMBA_USER . .');
  L.push('USER $MAMBA_USER');
  if (server && plan.port) L.push(`EXPOSE ${plan.port}`, ...healthcheck(d.app, plan.port, false, 'python'));
  if (entrypoint) warnings.push('The micromamba image activates the environment in its own entrypoint; the server command is set as CMD.');
  L.push(`CMD ${exec([...(entrypoint ?? []), ...cmd])}`);
  return L;
}

function rDockerfile(d: Detected, plan: Plan, c: Choices, warnings: string[]): string[] {
  const L: string[] = [...describe(d, plan, c), ''];
  const { cmd } = command(d, plan.port, false, warnings);
  const site = '/usr/local/lib/R/site-library';
  L.push(`FROM ${plan.base}`);
  // renv's project autoloader would switch to an empty project library at run time
  L.push('ENV RENV_CONFIG_AUTOLOADER_ENABLED=FALSE');
  L.push(`RUN useradd -l -m -u ${UID} ${USER}`);
  L.push('WORKDIR /app');
  if (d.r?.renvLock) {
    L.push('COPY renv.lock ./');
    L.push(`RUN R -q -e "install.packages('remotes')" \\\n    && R -q -e "remotes::install_version('renv', '${d.r.renvVersion ?? TOOL_PINS.renv}')" \\\n    && R -q -e "renv::restore(lockfile = 'renv.lock', library = '${site}', prompt = FALSE)"`);
  } else {
    const pk = d.r?.packages.length ? d.r.packages : ['plumber'];
    if (!d.r || d.r.from !== 'DESCRIPTION') warnings.push(`R packages were taken from library() calls (${pk.join(', ')}); an renv.lock pins their versions.`);
    // rocker/r-ver installs from a CRAN snapshot of its R release's date, so names are enough
    L.push(`RUN install2.r --error --skipinstalled ${pk.join(' ')}`);
  }
  L.push('COPY . .', `USER ${UID}`);
  if (plan.port && SERVER_KINDS.has(d.app.kind)) L.push(`EXPOSE ${plan.port}`, ...healthcheck(d.app, plan.port, false, 'r'));
  L.push(`CMD ${exec(cmd)}`);
  return L;
}

/** Plain names in the template that the image needs (the app's folder, a manifest) are dropped. */
function dockerignore(d: Detected): string {
  const needed = [d.app.file, ...d.manifestFiles].filter((x): x is string => !!x);
  const blocks = (pattern: string): boolean => !/[*?[\]]/.test(pattern) && needed.some((f) => f === pattern || f.startsWith(pattern + '/'));
  const lines = DOCKERIGNORE_TEMPLATE.filter((l) => l === '' || l.startsWith('#') || !blocks(l));
  const present = new Set(lines);
  const extra = d.exclude.filter((e) => !present.has(e) && !present.has(`**/${e}`) && !blocks(e)).map((e) => (e === 'renv' ? 'renv/library' : e));
  if (d.exclude.includes('renv')) extra.push('renv/staging');
  const out = [...lines];
  if (extra.length) out.push('', '# Found in this project', ...[...new Set(extra)].sort());
  return out.join('\n') + '\n';
}

function profile(d: Detected, plan: Plan, c: Choices, image: string): string {
  const home = d.source.kind === 'conda' && c.deps !== 'apt' ? '/home/mambauser' : HOME;
  const p: RunProfile = { name: SERVER_KINDS.has(d.app.kind) ? 'serve' : d.app.kind === 'train' ? 'train' : 'run' };
  if (plan.port && SERVER_KINDS.has(d.app.kind)) p.ports = [{ container: plan.port, host: plan.port, hostIp: '127.0.0.1' }];
  const mounts: RunProfile['mounts'] = [];
  const dataDir = d.exclude.find((e) => e === 'data' || e === 'datasets');
  if (dataDir) mounts.push({ source: `\${workspaceFolder}/${dataDir}`, target: `/app/${dataDir}`, readOnly: true });
  // training writes checkpoints: keep them on the host, not in the container's layer
  if (d.app.kind === 'train' && d.exclude.includes('checkpoints')) mounts.push({ source: '${workspaceFolder}/checkpoints', target: '/app/checkpoints' });
  if (d.app.kind === 'mlflow' || d.exclude.includes('mlruns')) mounts.push({ source: '${workspaceFolder}/mlruns', target: `${home}/mlruns` });
  if (plan.gpu || d.app.kind === 'vllm') mounts.push({ source: '${userHome}/.cache/huggingface', target: `${home}/.cache/huggingface` });
  if (mounts.length) p.mounts = mounts;
  if (plan.gpu) {
    p.gpus = { kind: 'all' };
    p.shmSize = '8g';
    if (d.app.kind === 'vllm') p.ipcHost = true;
  }
  if (d.app.kind === 'train' || d.app.kind === 'script') p.autoRemove = true;
  return upsertProfile('', image, p, { workspaceFolder: '', userHome: '' });
}

export function generate(d: Detected, plan: Plan, c: Choices, image: string): { files: GeneratedFiles; warnings: string[] } {
  const warnings = [...plan.warnings];
  if (d.weights.length) {
    const shown = d.weights.slice(0, 3).join(', ') + (d.weights.length > 3 ? ', …' : '');
    warnings.push(`Model files stay out of the image (.dockerignore): ${shown}. Mount them at run time (add a mount to the run profile), or remove their pattern from .dockerignore if the image must carry them.`);
  }
  const lines = d.language === 'r' ? rDockerfile(d, plan, c, warnings) : pythonDockerfile(d, plan, c, warnings);
  const header = [
    '# ML Containers run profile (Run Image… offers it for this image).',
    '# Written by Containerize This Project; edit freely.',
  ];
  return {
    files: {
      Dockerfile: lines.join('\n') + '\n',
      '.dockerignore': dockerignore(d),
      '.vscode/ml-containers.yaml': header.join('\n') + '\n' + profile(d, plan, c, image),
    },
    warnings: [...new Set(warnings)],
  };
}
