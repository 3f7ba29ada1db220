import * as assert from 'node:assert/strict';
import { gpuSupportFromInfo } from '../../../src/docker/gpu';

// Shapes of GET /info as Docker prints them (docker info --format '{{json .}}'), trimmed to the fields read.
describe('GPU support from engine info', () => {
  it('a GPU host with the NVIDIA Container Toolkit registered as a runtime', () => {
    const s = gpuSupportFromInfo({ Runtimes: { 'io.containerd.runc.v2': {}, nvidia: { path: 'nvidia-container-runtime' }, runc: {} }, DefaultRuntime: 'runc' });
    assert.equal(s.available, true);
    assert.match(s.reason, /"nvidia" runtime/);
  });
  it('a Docker 25+ host with CDI specs for the GPUs', () => {
    const s = gpuSupportFromInfo({ Runtimes: { runc: {} }, DiscoveredDevices: [{ Source: 'cdi', ID: 'nvidia.com/gpu=0' }, { Source: 'cdi', ID: 'nvidia.com/gpu=all' }] });
    assert.equal(s.available, true);
    assert.match(s.reason, /nvidia\.com\/gpu=0/);
  });
  it('this machine: runc only (the refusal names what is missing)', () => {
    const s = gpuSupportFromInfo({ Runtimes: { 'io.containerd.runc.v2': {}, runc: {} }, DefaultRuntime: 'runc' });
    assert.equal(s.available, false);
    assert.match(s.reason, /no NVIDIA runtime \(runtimes: io\.containerd\.runc\.v2, runc\)/);
  });
  it('other CDI vendors are not GPUs for us; null fields are tolerated', () => {
    assert.equal(gpuSupportFromInfo({ Runtimes: null, DiscoveredDevices: [{ Source: 'cdi', ID: 'vendor.com/fpga=0' }] }).available, false);
    assert.equal(gpuSupportFromInfo({}).available, false);
  });
});
