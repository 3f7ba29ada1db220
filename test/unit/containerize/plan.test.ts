import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { containerizeFiles, detect, makePlan, memoryProject, openProject } from '../../../src/containerize/index';
import type { Choices } from '../../../src/containerize/types';

const run = (files: Record<string, string>, c: Choices = { gpu: 'auto' }) => containerizeFiles(memoryProject(files), c, 'x:latest');

describe('containerize: GPU and CUDA decisions', () => {
  it('a plain torch pin means GPU, with the CUDA of its PyPI wheel from the knowledge base', () => {
    const r = run({ 'requirements.txt': 'torch==2.5.1\n', 'train.py': '' });
    assert.equal(r.plan.gpu, true);
    assert.deepEqual(r.plan.cuda, { major: 12, minor: 4 });
    assert.match(r.plan.base, /^nvidia\/cuda:12\.4\.\d+-runtime-ubuntu22\.04$/);
    assert.match(r.files.Dockerfile, /--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu124/);
    assert.match(r.files['.vscode/ml-containers.yaml'], /gpus: all/);
  });
  it('a +cpu pin or the CPU index keeps the image on CPU', () => {
    assert.equal(run({ 'requirements.txt': 'torch==2.3.1+cpu\n' }).plan.gpu, false);
    const r = run({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.3.1\n' });
    assert.equal(r.plan.gpu, false);
    assert.match(r.plan.base, /^python:3\.12-slim-bookworm$/);
  });
  it('a CPU image for a torch project installs from the CPU index', () => {
    const r = run({ 'requirements.txt': 'torch==2.3.1\n' }, { gpu: 'no' });
    assert.equal(r.plan.gpu, false);
    assert.match(r.files.Dockerfile, /--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cpu --index-strategy unsafe-best-match/);
    assert.ok(r.warnings.some((w) => /CPU image was chosen although the project asks for a GPU/.test(w)));
  });
  it('conflicting CUDA pins: a warning and the pin the torch wheel can satisfy', () => {
    const r = run({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.3.1+cu121\n' });
    assert.deepEqual(r.plan.cuda, { major: 12, minor: 1 });
    assert.ok(r.warnings.some((w) => /conflicting CUDA versions: 11\.8 .* vs 12\.1/.test(w)), r.warnings.join('\n'));
    // the chosen build's index is added so the pinned wheel resolves
    assert.match(r.files.Dockerfile, /whl\/cu121 --index-strategy unsafe-best-match/);
  });
  it('a chosen CUDA the torch pin has no build for: nearest valid build below it', () => {
    const r = run({ 'requirements.txt': 'torch==2.3.1\n' }, { gpu: 'yes', cuda: '12.4' });
    assert.deepEqual(r.plan.cuda, { major: 12, minor: 1 });
    assert.ok(r.warnings.some((w) => /torch 2\.3\.1 has no CUDA 12\.4 build .* nearest valid: CUDA 12\.1/.test(w)), r.warnings.join('\n'));
  });
  it('a chosen CUDA older than every build of the torch pin: the lowest build, and the driver it needs', () => {
    const r = run({ 'requirements.txt': 'torch==2.8.0\n' }, { gpu: 'yes', cuda: '12.1' });
    assert.deepEqual(r.plan.cuda, { major: 12, minor: 6 });
    assert.ok(r.warnings.some((w) => /nearest valid: CUDA 12\.6, which needs an NVIDIA driver ≥ 525\.60\.13/.test(w)), r.warnings.join('\n'));
  });
  it('TensorFlow and JAX pins keep their CUDA major whatever CUDA is chosen', () => {
    const tf = run({ 'requirements.txt': 'tensorflow[and-cuda]==2.15.0\n' }, { gpu: 'yes', cuda: '13.0' });
    assert.deepEqual(tf.plan.cuda, { major: 12, minor: 2 });
    assert.ok(tf.warnings.some((w) => /tensorflow 2\.15\.0 is built for CUDA 12\.2 and does not run on CUDA 13\.0; nearest valid: CUDA 12\.2/.test(w)), tf.warnings.join('\n'));
    const jax = run({ 'requirements.txt': 'jax[cuda12]==0.4.30\n' }, { gpu: 'yes', cuda: '11.8' });
    assert.equal(jax.plan.cuda?.major, 12);
    assert.ok(jax.warnings.some((w) => /jax\[cuda12\] needs CUDA 12\.x, not 11\.8/.test(w)));
    // another minor of the same major is fine
    assert.deepEqual(run({ 'requirements.txt': 'tensorflow[and-cuda]==2.15.0\n' }, { gpu: 'yes', cuda: '12.4' }).plan.cuda, { major: 12, minor: 4 });
  });
  it('an implied end-of-life CUDA moves to a supported build of the same torch', () => {
    const r = run({ 'requirements.txt': 'torch==2.0.1\n' });
    assert.equal(r.plan.cuda?.major, 11);
    assert.ok(r.warnings.some((w) => /end of life/.test(w)));
  });
  it('packages that compile CUDA code get a devel build stage and an arch list', () => {
    const r = run({ 'requirements.txt': 'torch==2.4.0\nflash-attn==2.6.3\n' });
    assert.match(r.plan.buildBase ?? '', /-devel-ubuntu22\.04$/);
    assert.match(r.files.Dockerfile, /AS build\n/);
    assert.match(r.files.Dockerfile, /TORCH_CUDA_ARCH_LIST="[0-9. ]+\+PTX"/);
    assert.match(r.files.Dockerfile, /uv pip install .*torch==2\.4\.0 \\\n    && uv pip install -r requirements\.txt .*--no-build-isolation-package=flash-attn/);
  });
  it('TensorFlow without [and-cuda] needs cuDNN from the base image', () => {
    const r = run({ 'requirements.txt': 'tensorflow==2.17.0\n' });
    assert.match(r.plan.base, /cudnn/);
  });
  it('GPU off for an R project, with a warning when GPU was asked for', () => {
    const r = run({ 'renv.lock': '{"R":{"Version":"4.4.1"},"Packages":{"plumber":{}}}', 'plumber.R': '#* @get /\nfunction() 1\n' }, { gpu: 'yes' });
    assert.equal(r.plan.gpu, false);
    assert.equal(r.plan.base, 'rocker/r-ver:4.4.1');
    assert.ok(r.warnings.some((w) => /R projects/.test(w)));
  });
});

describe('containerize: Python version', () => {
  it('is clamped to what the torch pin supports, with a warning when the project named another', () => {
    const r = run({ 'requirements.txt': 'torch==1.13.1\n', '.python-version': '3.12\n' });
    assert.equal(r.plan.python, '3.10');
    assert.ok(r.warnings.some((w) => /torch 1\.13\.1 supports Python 3\.7–3\.10, not 3\.12/.test(w)), r.warnings.join('\n'));
  });
  it('an end-of-life Python moves to the nearest supported one, with a warning', () => {
    const r = run({ 'requirements.txt': 'flask==3.0.3\n', '.python-version': '3.9.18\n' });
    assert.equal(r.plan.python, '3.11');
    assert.equal(r.plan.base, 'python:3.11-slim-bookworm');
    assert.ok(r.warnings.some((w) => /Python 3\.9 \(from \.python-version\) is past its end of life .*nearest supported: Python 3\.11/.test(w)), r.warnings.join('\n'));
  });
  it('unless the framework pin allows nothing newer: kept, warned, and the lint rule silenced with the reason', () => {
    const r = run({ 'requirements.txt': 'torch==1.13.1+cpu\n' });
    assert.equal(r.plan.python, '3.10');
    assert.ok(r.warnings.some((w) => /supports nothing newer than 3\.10; upgrade the framework pin/.test(w)), r.warnings.join('\n'));
    assert.match(r.files.Dockerfile, /# The framework pins need this end-of-life Python.*\n# hadolint ignore=ML019\nFROM python:3\.10-slim-bookworm\n/);
  });
});

describe('containerize: what the project runs', () => {
  const app = (files: Record<string, string>) => detect(memoryProject(files)).app;
  it('FastAPI / Flask objects with their module path and port', () => {
    assert.deepEqual(app({ 'src/svc/api.py': 'from fastapi import FastAPI\nservice = FastAPI()\nuvicorn.run(service, port=9001)\n' }),
      { kind: 'fastapi', file: 'src/svc/api.py', target: 'svc.api:service', port: 9001, evidence: 'src/svc/api.py:2' });
    assert.equal(app({ 'server.py': 'import flask\napp = flask.Flask(__name__)\n' }).kind, 'flask');
  });
  it('Streamlit, Gradio, a training script, [project.scripts], notebooks, nothing', () => {
    assert.equal(app({ 'ui.py': 'import streamlit as st\n' }).kind, 'streamlit');
    assert.equal(app({ 'app.py': 'import gradio as gr\ngr.Blocks().launch()\n' }).port, 7860);
    assert.equal(app({ 'train.py': 'print(1)\n' }).kind, 'train');
    assert.equal(app({ 'pyproject.toml': '[project]\nname="a"\ndependencies=[]\n[project.scripts]\ngo="a:main"\n' }).script, 'go');
    assert.equal(app({ 'a.ipynb': '{}' }).kind, 'notebook');
    assert.equal(app({ 'README.md': '' }).kind, 'none');
  });
  it('tests and test files are not taken for the app', () => {
    assert.equal(app({ 'tests/test_api.py': 'app = FastAPI()\n', 'train.py': '' }).kind, 'train');
  });
});

describe('containerize: the project walk stays out of data', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-walk-'));
    const w = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    w('requirements.txt', 'flask==3.0.3\n');
    w('app.py', 'from flask import Flask\napp = Flask(__name__)\n');
    w('data/requirements.txt', 'should-not-be-read==1\n');
    w('data/nested/app.py', 'app = FastAPI()\n');
    w('env/pyvenv.cfg', 'home = /usr\n');
    w('env/lib/app.py', 'app = FastAPI()\n');
    w('models/best.safetensors', 'x');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  it('never enters data folders or virtual environments, and lists them for .dockerignore', () => {
    const files = openProject(dir);
    assert.ok(!files.files.some((f) => f.startsWith('data/') || f.startsWith('env/')), files.files.join(','));
    const d = detect(files);
    assert.equal(d.app.kind, 'flask');
    assert.deepEqual(d.exclude, ['**/*.safetensors', 'data', 'env']);
    const r = makePlan(d, { gpu: 'auto' });
    assert.equal(r.gpu, false);
  });
  it('stops at its entry limit', () => {
    const files = openProject(dir, { maxDepth: 4, maxEntries: 2 });
    assert.equal(files.truncated, true);
    assert.ok(files.files.length <= 2);
  });
});
