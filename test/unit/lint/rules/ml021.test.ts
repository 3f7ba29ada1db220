import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintDockerfile } from '../../../../src/lint';
import { gatherContextFacts } from '../../../../src/lint/contextFacts';
import { pyprojectRequirements, torchPinOf } from '../../../../src/lint/projectPins';
import type { BuildContextFacts } from '../../../../src/lint/types';
import { applyEdits } from '../helpers';

const ml021 = (text: string, context: BuildContextFacts) => lintDockerfile(text, { context }).filter((p) => p.code === 'ML021');
const ctxWith = (req: string): BuildContextFacts => ({ hasDockerignore: true, unignoredBulk: [], torchPin: torchPinOf(req, 'requirements.txt') });

describe('ML021: the base CUDA against the torch the project pins', () => {
  it('reads the pin: +cuXYZ local versions, cuXYZ index URLs, and PyPI wheels from the table', () => {
    assert.deepEqual(torchPinOf('numpy==1.26.4\ntorch==2.4.1+cu121\n', 'requirements.txt')?.cuda, '12.1');
    assert.equal(torchPinOf('--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.3.1 ; sys_platform == "linux"\n', 'r.txt')?.cuda, '11.8');
    assert.equal(torchPinOf('torch==1.13.1\n', 'r.txt')?.cuda, '11.7');
    assert.equal(torchPinOf('torch>=2.0\n', 'r.txt'), undefined, 'a range is not a pin');
    assert.equal(torchPinOf('torch==2.4.1+cpu\n', 'r.txt'), undefined, 'a CPU wheel names no CUDA');
    assert.equal(torchPinOf('# torch==2.4.1+cu121\n', 'r.txt'), undefined, 'comments are not pins');
  });

  it('warns on the FROM line when the majors differ, with a quick fix to the wheel\'s CUDA', () => {
    const text = 'FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\nRUN pip install --no-cache-dir -r requirements.txt\n';
    const [p, ...rest] = ml021(text, ctxWith('torch==2.4.1+cu121\n'));
    assert.ok(p);
    assert.equal(rest.length, 0);
    assert.equal(p.line, 1);
    assert.match(p.message, /requirements\.txt:1 pins torch 2\.4\.1\+cu121, a CUDA 12\.1 build .* this image has CUDA 11\.8/);
    const fixed = applyEdits(text, p.fixes![0].edits);
    assert.match(fixed.split('\n')[0], /^FROM nvidia\/cuda:12\.1\.\d+-runtime-ubuntu22\.04$/);
    assert.deepEqual(ml021(fixed, ctxWith('torch==2.4.1+cu121\n')), []);
  });

  it('follows the final stage to the image it grows from, and stays silent within a major or without facts', () => {
    const multi = 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN true\nFROM nvidia/cuda:11.8.0-runtime-ubuntu22.04 AS base\nFROM base\nCMD ["python3"]\n';
    assert.equal(ml021(multi, ctxWith('torch==2.4.1+cu121\n'))[0]?.line, 3);
    assert.deepEqual(ml021('FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n', ctxWith('torch==2.4.1+cu121\n')), [], 'same major');
    assert.deepEqual(ml021('FROM python:3.12-slim\n', ctxWith('torch==2.4.1+cu121\n')), [], 'no CUDA in the image');
    assert.deepEqual(ml021('FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\n', { hasDockerignore: true, unignoredBulk: [] }), [], 'no pin known');
    assert.deepEqual(lintDockerfile('FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\n').filter((p) => p.code === 'ML021'), [], 'no build context');
  });

  it('TensorFlow\'s and-cuda wheels and pyproject.toml dependencies count too', () => {
    const tf = torchPinOf('tensorflow[and-cuda]==2.16.1\n', 'requirements.txt');
    assert.equal(tf?.package, 'tensorflow');
    assert.equal(tf?.cudaMajor, 12);
    assert.equal(torchPinOf('tensorflow==2.16.1\n', 'r.txt'), undefined, 'plain tensorflow brings no CUDA');
    const reqs = pyprojectRequirements('[project]\nname = "x"\ndependencies = ["numpy>=1.26", "torch == 2.4.1+cu121"]\n');
    assert.equal(reqs !== undefined && torchPinOf(reqs, 'pyproject.toml')?.cuda, '12.1');
    assert.equal(pyprojectRequirements('not toml = = ['), undefined);
    const [p] = ml021('FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\n', { hasDockerignore: true, unignoredBulk: [], torchPin: tf });
    assert.match(p?.message ?? '', /pins tensorflow 2\.16\.1, a CUDA 12\.\d build \(tensorflow table of/);
  });

  it('the context scan finds the pin in the build context', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml021-'));
    try {
      fs.writeFileSync(path.join(dir, 'requirements.txt'), 'torch==2.4.1+cu121\n');
      fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\n');
      assert.equal(gatherContextFacts(dir, 'Dockerfile').torchPin?.cuda, '12.1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
