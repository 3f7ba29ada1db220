import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gatherContextFacts } from '../../../src/lint/contextFacts';

describe('gatherContextFacts', () => {
  let dir: string;
  const make = (files: Record<string, string>, dirs: string[] = []) => {
    for (const d of dirs) fs.mkdirSync(path.join(dir, d), { recursive: true });
    for (const [f, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), body);
    }
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlctx-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports no .dockerignore and the bulk found', () => {
    make({ 'Dockerfile': 'FROM x', 'train.py': '', 'model.safetensors': 'x', 'data/a.csv': '1' }, ['.git', 'wandb', 'src']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: false, unignoredBulk: ['.git/', 'data/', 'model.safetensors', 'wandb/'] });
  });

  it('drops what .dockerignore excludes, in its different spellings', () => {
    make({ '.dockerignore': '# ML bulk\ndata/\n.git\nwandb/*\n*.safetensors\n', 'model.safetensors': '', 'last.ckpt': '' }, ['data', '.git', 'wandb', 'mlruns']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: true, unignoredBulk: ['last.ckpt', 'mlruns/'] });
  });

  it('honours ** patterns and negations', () => {
    make({ '.dockerignore': '**/*.pt\ncheckpoints\n!checkpoints\n', 'w.pt': '' }, ['checkpoints']);
    assert.deepEqual(gatherContextFacts(dir).unignoredBulk, ['checkpoints/']);
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile', () => {
    make({ '.dockerignore': '', 'docker/train.Dockerfile.dockerignore': 'data\n', 'docker/train.Dockerfile': 'FROM x' }, ['data', 'outputs']);
    assert.deepEqual(gatherContextFacts(dir, 'docker/train.Dockerfile'), { hasDockerignore: true, unignoredBulk: ['outputs/'] });
    assert.deepEqual(gatherContextFacts(dir, 'Dockerfile').unignoredBulk, ['data/', 'outputs/']);
  });

  it('a clean context with a .dockerignore has no bulk', () => {
    make({ '.dockerignore': '.venv\n', 'app.py': '', 'README.md': '' }, ['.venv', 'src']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: true, unignoredBulk: [] });
  });

  it('ignores nested bulk and non-bulk names', () => {
    make({ 'src/data/x.csv': '', 'notes.txt': '', 'config.onnx.json': '' }, ['dataset']);
    assert.deepEqual(gatherContextFacts(dir).unignoredBulk, []);
  });

  it('matches case-sensitively and reads regexp characters literally, as Docker does', () => {
    make({ '.dockerignore': 'Data\nmodel(v2).ckpt\nw+.pt\n', 'model(v2).ckpt': '', 'w+.pt': '', 'w.pt': '' }, ['data']);
    assert.deepEqual(gatherContextFacts(dir).unignoredBulk, ['data/', 'w.pt']);
  });

  it('an exception that Docker cannot reach does not re-include', () => {
    make({ '.dockerignore': 'data\n!**/keep.txt\n', 'data/keep.txt': '' });
    assert.deepEqual(gatherContextFacts(dir).unignoredBulk, []);
  });

  it('stays silent when Docker would refuse the ignore file', () => {
    make({ '.dockerignore': 'data\n[\n' }, ['data', 'checkpoints']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: true, unignoredBulk: [] });
  });

  it('stays silent on an ignore file that is not a regular file', () => {
    fs.symlinkSync('/dev/zero', path.join(dir, '.dockerignore'));
    make({}, ['data']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: true, unignoredBulk: [] });
  });

  it('does not evaluate an ignore file built to be slow', () => {
    make({ '.dockerignore': Array.from({ length: 200 }, (_, k) => `*x${k}?{1000}`).join('\n') }, ['data']);
    assert.deepEqual(gatherContextFacts(dir), { hasDockerignore: true, unignoredBulk: [] });
  });

  it('never throws on a missing folder', () => {
    assert.deepEqual(gatherContextFacts(path.join(dir, 'nope')), { hasDockerignore: false, unignoredBulk: [] });
  });
});
