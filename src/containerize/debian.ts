// Debian's packaged Python libraries (bookworm), for images that take their Python dependencies
// from apt instead of PyPI: offline builds, or teams that only trust the distribution. Versions
// come with the Debian release, so a requirement's own pin is not honoured; the generator says so.

/** PEP 503 name → Debian bookworm binary package. Only packages known to exist are listed. */
export const DEBIAN_PYTHON_PACKAGES: Readonly<Record<string, string>> = {
  numpy: 'python3-numpy',
  scipy: 'python3-scipy',
  'scikit-learn': 'python3-sklearn',
  pandas: 'python3-pandas',
  joblib: 'python3-joblib',
  matplotlib: 'python3-matplotlib',
  pillow: 'python3-pil',
  torch: 'python3-torch',
  flask: 'python3-flask',
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  starlette: 'python3-starlette',
  pydantic: 'python3-pydantic',
  gunicorn: 'python3-gunicorn',
  requests: 'python3-requests',
  pyyaml: 'python3-yaml',
  jinja2: 'python3-jinja2',
  click: 'python3-click',
  werkzeug: 'python3-werkzeug',
  httpx: 'python3-httpx',
  tqdm: 'python3-tqdm',
  h5py: 'python3-h5py',
  networkx: 'python3-networkx',
  sympy: 'python3-sympy',
  'python-dotenv': 'python3-dotenv',
};

/** The Debian packages for a dependency list, and the names without one. */
export function debianPackages(names: string[]): { packages: string[]; missing: string[] } {
  const packages: string[] = [];
  const missing: string[] = [];
  for (const n of names) {
    const p = DEBIAN_PYTHON_PACKAGES[n];
    if (p) {
      if (!packages.includes(p)) packages.push(p);
    } else missing.push(n);
  }
  return { packages: packages.sort(), missing };
}
