import { strict as assert } from 'node:assert';
import { parseRequirement } from '../../../src/containerize/pep508';
import { readRequirements } from '../../../src/containerize/requirements';
import {
  readCondaEnv, readDescription, readPipfile, readPipfileLock, readPoetryLock, readPyproject, readPythonVersionFile, readRenvLock,
  readSetupCfg, readSetupPy, readUvLock,
} from '../../../src/containerize/manifests';
import { memoryProject } from '../../../src/containerize/projectFiles';
import { pythonForSpec } from '../../../src/containerize/detect';
import { containerizeFiles } from '../../../src/containerize/index';
import { lintDockerfile } from '../../../src/lint/index';
import * as fc from 'fast-check';

describe('containerize: PEP 508 requirements', () => {
  it('reads names, extras, exact pins with local versions and markers', () => {
    const d = parseRequirement('Torch_Vision[Extra1, extra_2] == 0.16.2+cu121 ; python_version >= "3.9"', 'r.txt');
    assert.deepEqual(d, { name: 'torch-vision', spec: '==0.16.2+cu121', extras: ['extra1', 'extra-2'], from: 'r.txt', exact: '0.16.2', local: 'cu121', marker: 'python_version >= "3.9"' });
  });
  it('keeps ranges without an exact version, and takes a version from a wheel URL', () => {
    assert.equal(parseRequirement('numpy>=1.24,<2', 'r')?.exact, undefined);
    const w = parseRequirement('torch @ https://download.pytorch.org/whl/cu118/torch-2.1.2%2Bcu118-cp311-cp311-linux_x86_64.whl', 'r');
    assert.equal(w?.exact, '2.1.2');
    assert.equal(w?.local, 'cu118');
  });
  it('rejects what is not a requirement', () => {
    assert.equal(parseRequirement('./local/path', 'r'), undefined);
    assert.equal(parseRequirement('name[unclosed', 'r'), undefined);
    assert.equal(parseRequirement('foo bar', 'r'), undefined);
  });
});

describe('containerize: requirements files', () => {
  it('follows -r includes relative to the including file, reads indexes, skips constraints and options', () => {
    const files = memoryProject({
      'requirements.txt': '# top\n-r reqs/base.txt\n-c constraints.txt\n--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.3.1 \\\n  --hash=sha256:abc\n-e .\n',
      'reqs/base.txt': '--index-url=https://mirror.example/simple\nnumpy==1.26.4  # comment\n-r more.txt\n',
      'reqs/more.txt': 'pandas\n-r ../requirements.txt\n',
      'constraints.txt': 'scipy==1.13.0\n',
    });
    const r = readRequirements(files, 'requirements.txt');
    assert.deepEqual(r.files, ['requirements.txt', 'reqs/base.txt', 'reqs/more.txt', 'constraints.txt']);
    assert.deepEqual(r.deps.map((d) => `${d.name}${d.spec}`), ['numpy==1.26.4', 'pandas', 'torch==2.3.1']);
    assert.deepEqual(r.indexes.map((i) => `${i.kind} ${i.url}`), ['index https://mirror.example/simple', 'extra https://download.pytorch.org/whl/cu121']);
    assert.deepEqual(r.notes, []);
  });
  it('notes an include it cannot read and one outside the project', () => {
    const r = readRequirements(memoryProject({ 'requirements.txt': '-r missing.txt\n-r ../../etc/passwd\nflask\n' }), 'requirements.txt');
    assert.equal(r.deps.length, 1);
    assert.equal(r.notes.length, 2);
    assert.match(r.notes[0], /missing\.txt is included but cannot be read/);
    assert.match(r.notes[1], /outside the project/);
  });
});

describe('containerize: pyproject.toml and lock files', () => {
  it('PEP 621 dependencies, requires-python and scripts', () => {
    const r = readPyproject('[project]\nname="x"\nrequires-python=">=3.10"\ndependencies=["torch==2.4.0", "fastapi"]\n[project.scripts]\nserve="x:main"\n');
    assert.deepEqual(r.deps.map((d) => d.name), ['torch', 'fastapi']);
    assert.equal(r.requiresPython, '>=3.10');
    assert.deepEqual(r.scripts, ['serve']);
  });
  it('Poetry dependencies (strings and tables), python constraint and sources', () => {
    const r = readPyproject('[tool.poetry.dependencies]\npython="^3.11"\ntorch={version="2.3.1", source="pytorch"}\nnumpy="^1.26"\n[[tool.poetry.source]]\nname="pytorch"\nurl="https://download.pytorch.org/whl/cu121"\npriority="explicit"\n');
    assert.deepEqual(r.deps.map((d) => `${d.name}${d.spec}`), ['torch==2.3.1', 'numpy^1.26']);
    assert.equal(r.requiresPython, '^3.11');
    assert.deepEqual(r.indexes.map((i) => `${i.kind} ${i.url}`), ['extra https://download.pytorch.org/whl/cu121']);
  });
  it("uv's [[tool.uv.index]] entries", () => {
    const r = readPyproject('[project]\nname="x"\ndependencies=[]\n[[tool.uv.index]]\nname="pytorch-cu124"\nurl="https://download.pytorch.org/whl/cu124"\nexplicit=true\n');
    assert.deepEqual(r.indexes.map((i) => i.url), ['https://download.pytorch.org/whl/cu124']);
  });
  it('malformed TOML is one note, never a throw', () => {
    const r = readPyproject('[project\nname=');
    assert.equal(r.deps.length, 0);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0], /pyproject\.toml is not valid TOML/);
  });
  it('uv.lock: exact versions with local labels, not the project itself', () => {
    const r = readUvLock('version = 1\nrequires-python = ">=3.11"\n[[package]]\nname = "torch"\nversion = "2.4.0+cu124"\nsource = { registry = "https://download.pytorch.org/whl/cu124" }\n[[package]]\nname = "me"\nversion = "0.1.0"\nsource = { editable = "." }\n');
    assert.deepEqual(r.deps.map((d) => [d.name, d.exact, d.local]), [['torch', '2.4.0', 'cu124']]);
    assert.equal(r.requiresPython, '>=3.11');
    assert.deepEqual(r.indexes.map((i) => i.url), ['https://download.pytorch.org/whl/cu124']);
  });
  it('poetry.lock, Pipfile and Pipfile.lock', () => {
    assert.deepEqual(readPoetryLock('[[package]]\nname="Flask"\nversion="3.0.3"\n[metadata]\npython-versions="^3.10"\n').deps.map((d) => `${d.name}==${d.exact}`), ['flask==3.0.3']);
    const pf = readPipfile('[packages]\ngradio = "==4.36.1"\nrequests = "*"\n[requires]\npython_version = "3.11"\n');
    assert.deepEqual(pf.deps.map((d) => `${d.name}${d.spec}`), ['gradio==4.36.1', 'requests']);
    assert.equal(pf.python, '3.11');
    const pl = readPipfileLock('{"_meta":{"requires":{"python_version":"3.10"}},"default":{"torch":{"version":"==2.1.2+cpu"}}}');
    assert.deepEqual([pl.python, pl.deps[0].local], ['3.10', 'cpu']);
    assert.match(readPipfileLock('{oops').notes[0], /not valid JSON/);
  });
});

describe('containerize: conda, setup.py/setup.cfg, .python-version, R files', () => {
  it('environment.yml: python, conda pins with channels, the pip list', () => {
    const r = readCondaEnv('dependencies:\n  - python=3.11\n  - pytorch::pytorch=2.1.2\n  - pytorch-cuda=12.1\n  - pip:\n    - --extra-index-url https://x.example/simple\n    - transformers==4.41.2\n');
    assert.equal(r.python, '3.11');
    assert.deepEqual(r.condaPackages.map((c) => `${c.name}=${c.version}`), ['python=3.11', 'pytorch=2.1.2', 'pytorch-cuda=12.1']);
    assert.deepEqual(r.deps.map((d) => d.name), ['pytorch', 'pytorch-cuda', 'transformers']);
    assert.deepEqual(r.indexes.map((i) => i.url), ['https://x.example/simple']);
    assert.match(readCondaEnv('a: [').notes[0], /not valid YAML/);
  });
  it('setup.cfg and a literal setup.py list; a computed list is noted', () => {
    const cfg = readSetupCfg('[options]\npython_requires = >=3.9\ninstall_requires =\n    xgboost==2.0.3\n    pandas\n[options.extras_require]\ndev = pytest\n');
    assert.deepEqual(cfg.deps.map((d) => d.name), ['xgboost', 'pandas']);
    assert.equal(cfg.requiresPython, '>=3.9');
    const py = readSetupPy('setup(name="x", python_requires=">=3.8", install_requires=["numpy>=1.24", \'scipy\'])');
    assert.deepEqual(py.deps.map((d) => d.name), ['numpy', 'scipy']);
    assert.match(readSetupPy('setup(install_requires=read_reqs())').notes[0], /not a literal list/);
  });
  it('.python-version, renv.lock and DESCRIPTION', () => {
    assert.equal(readPythonVersionFile('# comment\n3.11.9\n'), '3.11.9');
    assert.equal(readPythonVersionFile('cpython-3.12\n'), '3.12');
    const renv = readRenvLock('{"R":{"Version":"4.3.2"},"Packages":{"plumber":{},"renv":{"Version":"1.0.7"}}}');
    assert.deepEqual([renv.version, renv.renvVersion, renv.packages], ['4.3.2', '1.0.7', ['plumber', 'renv']]);
    const desc = readDescription('Package: api\nDepends: R (>= 4.2.0),\n    jsonlite\nImports: plumber (>= 1.2.0), randomForest\n');
    assert.deepEqual([desc.version, desc.packages], ['4.2.0', ['jsonlite', 'plumber', 'randomForest']]);
  });
  it('requires-python: the default when allowed, else the nearest bound', () => {
    assert.equal(pythonForSpec('>=3.9', '3.12'), '3.12');
    assert.equal(pythonForSpec('>=3.8,<3.11', '3.12'), '3.8');
    assert.equal(pythonForSpec('^3.10', '3.12'), '3.12');
    assert.equal(pythonForSpec('~=3.13', '3.12'), '3.13');
    assert.equal(pythonForSpec('==3.10.*', '3.12'), '3.10');
    assert.equal(pythonForSpec('<3.11', '3.12'), '3.10');
    assert.equal(pythonForSpec('anything', '3.12'), undefined);
  });
});

describe('containerize: malformed input never throws', () => {
  it('any text in any manifest gives a result (and lint-clean output)', () => {
    const names = ['requirements.txt', 'pyproject.toml', 'uv.lock', 'poetry.lock', 'Pipfile', 'Pipfile.lock', 'environment.yml', 'setup.cfg', 'setup.py', 'renv.lock', 'DESCRIPTION', '.python-version', 'app.py', 'plumber.R'];
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('torch==2.3.1+cu121\n', '[project]\ndependencies = 3\n', '{"R": 5}', 'dependencies:\n  - {pip: 7}\n', '-r requirements.txt\n', 'app = FastAPI(\n', '[tool.poetry.dependencies]\npython = 3\n'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), text, { maxKeys: 5 }), fc.constantFrom('auto', 'yes', 'no'), (files, gpu) => {
        const r = containerizeFiles(memoryProject(files), { gpu: gpu as 'auto' | 'yes' | 'no' }, 'x:latest');
        assert.equal(typeof r.files.Dockerfile, 'string');
        const problems = lintDockerfile(r.files.Dockerfile, { fileName: 'Dockerfile', context: { hasDockerignore: true, unignoredBulk: [] } });
        assert.deepEqual(problems.map((p) => `${p.code}: ${p.message}`), [], r.files.Dockerfile);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
