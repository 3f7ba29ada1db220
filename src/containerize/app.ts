// What the project runs and on which port: a web app object in its Python code (FastAPI, Flask,
// Starlette), a Streamlit or Gradio script, a plumber API, a model server it depends on (vLLM,
// MLflow), a training script, a `[project.scripts]` entry, or notebooks only.
// Only small .py/.R files near the top of the project are read, and only their text is scanned.
import type { ProjectFiles } from './projectFiles';
import type { AppInfo, PyDep } from './types';

const MAX_SOURCES = 60;
const MAX_SOURCE_BYTES = 200 * 1024;

/** Files most likely to hold the app, first. */
const PREFERRED = ['app.py', 'main.py', 'api.py', 'server.py', 'serve.py', 'service.py', 'streamlit_app.py', 'webapp.py', 'predict.py', 'wsgi.py', 'asgi.py'];

export const DEFAULT_PORTS: Record<string, number> = {
  fastapi: 8000, starlette: 8000, flask: 5000, streamlit: 8501, gradio: 7860, vllm: 8000, mlflow: 5000, plumber: 8000, notebook: 8888,
};

function depth(rel: string): number {
  return rel.split('/').length - 1;
}

function pythonSources(files: ProjectFiles): string[] {
  const py = files.files.filter((f) => f.endsWith('.py') && depth(f) <= 3 && !/(^|\/)(tests?|docs?|examples?|scripts?\/tests?)\//.test(f) && !/(^|\/)(test_[^/]*|[^/]*_test|conftest|setup)\.py$/.test(f));
  const rank = (f: string): number => {
    const base = f.slice(f.lastIndexOf('/') + 1);
    const p = PREFERRED.indexOf(base);
    return depth(f) * 100 + (p >= 0 ? p : 50);
  };
  return py.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).slice(0, MAX_SOURCES);
}

/** `src/api/main.py` → `api.main` (a `src/` layout folder is not part of the module path). */
export function moduleOf(rel: string): string {
  let p = rel.replace(/\.py$/, '');
  if (p.startsWith('src/')) p = p.slice(4);
  return p.split('/').join('.');
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function portIn(text: string, after = 0): number | undefined {
  const m = /\b(?:port|server_port)\s*=\s*(\d{2,5})\b/.exec(text.slice(after));
  const n = m ? Number(m[1]) : NaN;
  return n > 0 && n < 65536 ? n : undefined;
}

interface Found { kind: AppInfo['kind']; file: string; target?: string; port?: number; line: number }

function scanPython(rel: string, text: string): Found | undefined {
  // app objects: `app = FastAPI(`, `api = Flask(__name__)`, `app = Starlette(`
  const obj = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_.]+\s*)?=\s*(?:fastapi\.)?(FastAPI|Flask|Starlette)\(/m.exec(text) ?? /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:flask\.)?(Flask)\(/m.exec(text);
  if (obj) {
    const kind = obj[2] === 'FastAPI' ? 'fastapi' : obj[2] === 'Flask' ? 'flask' : 'starlette';
    return { kind, file: rel, target: `${moduleOf(rel)}:${obj[1]}`, port: portIn(text, obj.index), line: lineOf(text, obj.index) };
  }
  const st = /^\s*import streamlit\b|^\s*from streamlit\b/m.exec(text);
  if (st) return { kind: 'streamlit', file: rel, line: lineOf(text, st.index) };
  const gr = /^\s*import gradio\b|^\s*from gradio\b/m.exec(text);
  if (gr && /\.launch\(/.test(text)) return { kind: 'gradio', file: rel, port: portIn(text), line: lineOf(text, gr.index) };
  return undefined;
}

export function detectApp(files: ProjectFiles, deps: PyDep[], scripts: string[] | undefined): AppInfo {
  const has = (n: string): boolean => deps.some((d) => d.name === n);
  const plumber = files.files.find((f) => /(^|\/)plumber\.R$/.test(f) && depth(f) <= 2);
  if (plumber) {
    const text = files.read(plumber, MAX_SOURCE_BYTES) ?? '';
    return { kind: 'plumber', file: plumber, port: portIn(text) ?? DEFAULT_PORTS.plumber, evidence: plumber };
  }
  for (const rel of pythonSources(files)) {
    const text = files.read(rel, MAX_SOURCE_BYTES);
    if (text === undefined) continue;
    const f = scanPython(rel, text);
    if (!f) continue;
    const port = f.port ?? DEFAULT_PORTS[f.kind];
    return { kind: f.kind, file: f.file, ...(f.target ? { target: f.target } : {}), port, evidence: `${f.file}:${f.line}` };
  }
  if (has('vllm')) {
    const model = findModelId(files);
    return { kind: 'vllm', port: DEFAULT_PORTS.vllm, ...(model ? { model: model.id } : {}), evidence: model ? `vllm in the dependencies; model ${model.id} from ${model.file}` : 'vllm in the dependencies' };
  }
  if (has('mlflow') && !files.files.some((f) => f.endsWith('.py') && depth(f) === 0)) {
    return { kind: 'mlflow', port: DEFAULT_PORTS.mlflow, evidence: 'mlflow in the dependencies and no Python entry point' };
  }
  const train = files.files.find((f) => /^(src\/)?train[^/]*\.py$/.test(f));
  if (train) return { kind: 'train', file: train, evidence: train };
  if (scripts && scripts.length) return { kind: 'script', script: scripts[0], evidence: `[project.scripts] ${scripts[0]}` };
  const main = files.files.find((f) => f === 'main.py' || f === '__main__.py');
  if (main) return { kind: 'script', file: main, evidence: `${main}` };
  const nb = files.files.filter((f) => f.endsWith('.ipynb'));
  if (nb.length) return { kind: 'notebook', port: DEFAULT_PORTS.notebook, file: nb[0], evidence: `${nb.length} notebook${nb.length === 1 ? '' : 's'}, no Python entry point` };
  return { kind: 'none', evidence: 'no entry point found' };
}

/** A Hugging Face model id named in a serve script or config (`--model org/name`, `model="org/name"`). */
function findModelId(files: ProjectFiles): { id: string; file: string } | undefined {
  const candidates = files.files.filter((f) => depth(f) <= 1 && /\.(py|sh|ya?ml|env|toml)$/.test(f)).slice(0, 30);
  for (const f of candidates) {
    const text = files.read(f, 64 * 1024);
    if (!text) continue;
    const m = /(?:--model[ =]|\bmodel\s*[=:]\s*["']?|vllm serve\s+)([A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*)/.exec(text);
    if (m) return { id: m[1], file: f };
  }
  return undefined;
}
