// The ML knowledge base: its tables read as the fact sheet says, and its helpers answer from them.
import * as assert from 'node:assert/strict';
import {
  archRangeOf, compareVersions, cudaBaseTag, cudaImageRelease, cudaLine, cudaOfNgcTag, cudaOfTensorflow, cudaOfTorchWheel,
  CUDA_IMAGE_RELEASES, jaxHasPlugin, jaxPluginOfExtra, maintainedCudaTag, minDriverFor, parseCudaImageTag, ML_DATA_AS_OF, nearestSupportedPythonTag, newestCudaFor,
  oldestSupportedPython, parseCuTag, pythonIsEol, SOURCES, TABLE_DATES, torchIndexCuda, torchIndexHas, torchReleases, TORCH_RELEASES,
} from '../../../src/ml';

describe('ML knowledge base', () => {
  it('carries its date and sources', () => {
    assert.match(ML_DATA_AS_OF, /^\d{4}-\d{2}-\d{2}$/);
    for (const d of Object.values(TABLE_DATES)) assert.match(d, /^\d{4}-\d{2}(-\d{2})?$/);
    assert.ok(SOURCES.length >= 8 && SOURCES.every((s) => s.id && s.where));
  });

  describe('torch', () => {
    it('knows the PyPI wheel CUDA per release', () => {
      assert.deepEqual(cudaOfTorchWheel('1.13.1')?.exact, { major: 11, minor: 7 });
      assert.deepEqual(cudaOfTorchWheel('2.1.2')?.exact, { major: 12, minor: 1 });
      assert.deepEqual(cudaOfTorchWheel('2.5.0')?.exact, { major: 12, minor: 4 });
      assert.deepEqual(cudaOfTorchWheel('2.7.1')?.exact, { major: 12, minor: 6 });
      assert.deepEqual(cudaOfTorchWheel('2.8.0')?.exact, { major: 12, minor: 8 });
      assert.equal(cudaOfTorchWheel('2.1.0')?.source, 'pypi');
      assert.equal(cudaOfTorchWheel('2.1.0')?.asOf, TABLE_DATES.torch);
    });
    it('a prefix spanning releases of one CUDA is exact; conflicting sources keep only what they share', () => {
      assert.deepEqual(cudaOfTorchWheel('2.1')?.exact, { major: 12, minor: 1 });
      assert.deepEqual(cudaOfTorchWheel('2.0.*')?.exact, { major: 11, minor: 7 });
      const t214 = cudaOfTorchWheel('2.14.0')!;
      assert.equal(t214.exact, null);
      assert.equal(t214.major, 13);
      const t211 = cudaOfTorchWheel('2.11.0')!;
      assert.equal(t211.major, null, 'test-infra main says 13.0, its release branch 12.8');
      assert.equal(cudaOfTorchWheel('2.5')?.exact?.minor, 4);
    });
    it('an index URL or a local version decides over PyPI', () => {
      assert.deepEqual(cudaOfTorchWheel('2.1.2', 'https://download.pytorch.org/whl/cu118')?.exact, { major: 11, minor: 8 });
      assert.equal(cudaOfTorchWheel('2.1.2', 'https://download.pytorch.org/whl/cu118')?.source, 'index');
      assert.deepEqual(cudaOfTorchWheel('2.0.1+cu117')?.exact, { major: 11, minor: 7 });
      assert.equal(cudaOfTorchWheel('2.3.0', 'https://download.pytorch.org/whl/cpu'), null);
      assert.equal(cudaOfTorchWheel('2.3.0+cpu'), null);
      assert.deepEqual(cudaOfTorchWheel('', 'https://download.pytorch.org/whl/nightly/cu130')?.exact, { major: 13, minor: 0 });
    });
    it('answers an exact version the same way every time (the answer per release is kept)', () => {
      const first = cudaOfTorchWheel('2.1.2')!;
      const again = cudaOfTorchWheel(' 2.1.2 ')!;
      assert.deepEqual(again, first);
      assert.deepEqual(again.candidates, [{ major: 12, minor: 1 }]);
      // another release of the same CUDA still has its own answer, and a prefix over several releases agrees
      assert.deepEqual(cudaOfTorchWheel('2.1.1'), first);
      assert.deepEqual(cudaOfTorchWheel('2.1'), first);
      assert.equal(cudaOfTorchWheel('2.11.0')?.major, null);
      assert.equal(cudaOfTorchWheel('2.11.0')?.candidates.length, 2);
    });
    it('unknown versions give null', () => {
      assert.equal(cudaOfTorchWheel('9.9.9'), null);
      assert.equal(cudaOfTorchWheel('1.12.1'), null);
      assert.equal(cudaOfTorchWheel('not-a-version'), null);
    });
    it('index variants and URLs', () => {
      assert.deepEqual(torchIndexCuda('https://download.pytorch.org/whl/cu121'), { major: 12, minor: 1 });
      assert.equal(torchIndexCuda('https://download.pytorch.org/whl/cpu'), 'cpu');
      assert.equal(torchIndexCuda('https://download.pytorch.org/whl/rocm6.2'), 'rocm');
      assert.equal(torchIndexCuda('https://pypi.org/simple'), null);
      assert.equal(torchIndexHas('2.1.2', { major: 12, minor: 1 }), true);
      assert.equal(torchIndexHas('2.1.2', { major: 12, minor: 4 }), false);
      assert.equal(torchIndexHas('2.9.0', { major: 12, minor: 9 }), true, 'observed outside the matrix');
      assert.equal(torchIndexHas('0.4.0', { major: 9, minor: 0 }), null);
      assert.equal(torchReleases('2.2').length, 3);
      assert.equal(TORCH_RELEASES.find((r) => r.version === '2.13.0')?.torchvision, '0.28.0');
    });
  });

  it('TensorFlow tested CUDA', () => {
    assert.deepEqual(cudaOfTensorflow('2.15.1'), { major: 12, minor: 2 });
    assert.deepEqual(cudaOfTensorflow('2.14.0'), { major: 11, minor: 8 });
    assert.deepEqual(cudaOfTensorflow('2.18'), { major: 12, minor: 5 });
    assert.deepEqual(cudaOfTensorflow('2.16.*'), { major: 12, minor: 3 });
    assert.equal(cudaOfTensorflow('3.0.0'), null);
  });

  it('JAX CUDA plugins', () => {
    assert.equal(jaxPluginOfExtra('cuda12')?.major, 12);
    assert.equal(jaxPluginOfExtra('cuda12_pip')?.minCuda, '12.1');
    assert.equal(jaxPluginOfExtra('cuda13-local')?.local, true);
    assert.equal(jaxPluginOfExtra('tpu'), null);
    assert.equal(jaxHasPlugin('0.7.2', 13), false);
    assert.equal(jaxHasPlugin('0.8.0', 13), true);
  });

  it('minimum drivers', () => {
    assert.equal(minDriverFor('12.4'), '550.54.14');
    assert.equal(minDriverFor('12.4.1'), '550.54.15');
    assert.equal(minDriverFor('12.8'), '570.26');
    assert.equal(minDriverFor('12.6', { minorCompat: true }), '525.60.13');
    assert.equal(minDriverFor('13.2', { minorCompat: true }), '580.65.06');
    assert.equal(minDriverFor('12.7'), null);
    assert.equal(minDriverFor('x'), null);
  });

  describe('nvidia/cuda tags', () => {
    it('picks the newest confirmed patch per flavour and distro', () => {
      assert.equal(cudaBaseTag('12.4', 'cudnn-runtime', 'ubuntu22.04'), '12.4.1-cudnn-runtime-ubuntu22.04');
      assert.equal(cudaBaseTag('12.1', 'cudnn-devel', 'ubuntu22.04'), '12.1.1-cudnn8-devel-ubuntu22.04');
      assert.equal(cudaBaseTag('12.3', 'cudnn-runtime', 'ubuntu22.04'), '12.3.2-cudnn9-runtime-ubuntu22.04');
      assert.equal(cudaBaseTag('12.9', 'runtime', 'ubuntu22.04'), '12.9.1-runtime-ubuntu22.04', '12.9.2 is confirmed only as cudnn-devel');
      assert.equal(cudaBaseTag('12.9', 'cudnn-devel', 'ubuntu24.04'), '12.9.2-cudnn-devel-ubuntu24.04');
      assert.equal(cudaBaseTag('12.6', 'runtime', 'ubuntu24.04'), '12.6.3-runtime-ubuntu24.04');
      assert.equal(cudaBaseTag('12.5', 'cudnn-runtime', 'ubuntu24.04'), null, 'no cuDNN images for 12.5.1 on 24.04');
      assert.equal(cudaBaseTag('12.6', 'cudnn-runtime', 'amzn2023'), null);
      assert.equal(cudaBaseTag('13.0', 'runtime', 'ubuntu20.04'), null);
      assert.equal(cudaBaseTag('12.6.1', 'base', 'ubuntu22.04'), '12.6.1-base-ubuntu22.04');
      assert.equal(cudaBaseTag('14.0', 'base', 'ubuntu24.04'), null);
      assert.equal(newestCudaFor('cudnn-devel', 'ubuntu24.04'), '13.3.0');
      assert.equal(newestCudaFor('runtime', 'ubuntu24.04'), '12.8.1');
    });
    it('status per line and per patch', () => {
      assert.deepEqual(cudaLine('11.3'), { version: '11.3', status: 'eol', basis: 'nvidia', newestPatch: '11.3.1', eolSince: '2023-07-01' });
      assert.equal(cudaLine('11.8')?.basis, 'policy');
      assert.equal(cudaLine('10.2')?.status, 'eol');
      assert.equal(cudaLine('12.1')?.status, 'supported');
      assert.equal(cudaLine('12.1')?.newestPatch, '12.1.1');
      assert.equal(cudaLine('12.7'), null);
      assert.equal(cudaLine('14.0'), null);
      assert.equal(cudaImageRelease('12.1.0')?.status, 'eol');
      assert.equal(cudaImageRelease('12.8.1')?.status, 'supported');
      const versions = CUDA_IMAGE_RELEASES.map((r) => r.version);
      assert.deepEqual([...versions].sort(compareVersions), versions, 'rows in version order');
    });
    it('NGC months', () => {
      assert.deepEqual(cudaOfNgcTag('24.05-py3'), { major: 12, minor: 4 });
      assert.equal(cudaOfNgcTag('25.07-py3'), null);
    });
  });

  it('GPU architectures per toolkit', () => {
    assert.deepEqual(archRangeOf('13.0'), { lowest: '7.5', highest: '12.1' });
    assert.deepEqual(archRangeOf('12.4'), { lowest: '5.0', highest: '9.0' });
    assert.equal(archRangeOf('12.8')?.highest, '12.0');
    assert.equal(archRangeOf('9.2'), null);
  });

  describe('Python end of life', () => {
    it('evaluates against the data date, not the clock', () => {
      assert.equal(pythonIsEol('3.9'), true);
      assert.equal(pythonIsEol('3.10'), true);
      assert.equal(pythonIsEol('3.10', '2026-10-15'), false);
      assert.equal(pythonIsEol('3.10', '2026-11-01'), true);
      assert.equal(pythonIsEol('3.11'), false);
      assert.equal(pythonIsEol('4.0'), null);
      assert.equal(oldestSupportedPython().version, '3.11');
    });
    it('suggests the nearest supported tag', () => {
      assert.equal(nearestSupportedPythonTag('3.9-slim'), '3.11-slim');
      assert.equal(nearestSupportedPythonTag('3.8.18-slim-bookworm'), '3.11-slim-bookworm');
      assert.equal(nearestSupportedPythonTag('3.9-slim-buster'), '3.11-slim');
      assert.equal(nearestSupportedPythonTag('3.10-alpine3.18'), '3.11-alpine');
      assert.equal(nearestSupportedPythonTag('3.10'), '3.11');
      assert.equal(nearestSupportedPythonTag('3.12-slim'), null);
      assert.equal(nearestSupportedPythonTag('slim'), null);
      assert.equal(nearestSupportedPythonTag('3.10-slim', '2026-09-01'), null);
    });
  });

  it('cu tags', () => {
    assert.deepEqual(parseCuTag('cu92'), { major: 9, minor: 2 });
    assert.deepEqual(parseCuTag('cu130'), { major: 13, minor: 0 });
    assert.equal(parseCuTag('cpu'), null);
  });
});

describe('ML knowledge base: maintained CUDA tags', () => {
  it('moves an end-of-life patch to an existing newer one of the same flavour and distro', () => {
    assert.equal(maintainedCudaTag('12.1.0-devel-ubuntu22.04'), '12.1.1-devel-ubuntu22.04');
    assert.equal(maintainedCudaTag('13.0.1-cudnn-runtime-ubuntu24.04'), '13.0.2-cudnn-runtime-ubuntu24.04');
    assert.equal(maintainedCudaTag('13.0.1-cudnn-devel-ubuntu24.04'), '13.0.3-cudnn-devel-ubuntu24.04');
    assert.equal(maintainedCudaTag('12.8.1-runtime-ubuntu22.04'), null, 'not end-of-life');
    assert.equal(maintainedCudaTag('13.0.1-runtime-cm2'), null, 'no newer 13.0 image on cm2');
    assert.deepEqual(parseCudaImageTag('12.3.2-cudnn9-devel-ubuntu22.04'), { version: '12.3.2', flavour: 'cudnn-devel', distro: 'ubuntu22.04' });
  });
});
