import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/lint/parser';
import { CPU_REPOS, stageIsCpuBase } from '../../../../src/lint/rules/ml/images';

describe('ML image facts: CPU bases', () => {
  it('no general-purpose repository is a GPU or accelerator repository by name (only tags are read for those)', () => {
    for (const repo of CPU_REPOS) {
      assert.doesNotMatch(repo, /rocm|xpu|habana|neuron|tpu|cuda|gpu|:/, repo);
      assert.ok(!repo.startsWith('nvidia/') && !repo.startsWith('nvcr.io/') && repo !== 'pytorch/pytorch', repo);
    }
  });

  const cpu = (from: string) => {
    const doc = parseDockerfile(`FROM ${from}\nRUN true\n`);
    return stageIsCpuBase(doc, doc.stages[0]);
  };

  it('reads the tag of a general-purpose base', () => {
    assert.equal(cpu('python:3.12-slim'), true);
    assert.equal(cpu('ubuntu'), true, 'no tag');
    assert.equal(cpu('docker.io/library/python:3.11'), true);
    assert.equal(cpu('jupyter/tensorflow-notebook:2024-10-07'), true);
    assert.equal(cpu('python:3.12-gpu'), false, 'a GPU tag');
    assert.equal(cpu('continuumio/miniconda3:cuda12.1-latest'), false, 'a CUDA tag');
    assert.equal(cpu('ubuntu:22.04-rocm6'), false, 'a ROCm tag');
    assert.equal(cpu('python:3.12-tpu'), false, 'a TPU tag');
  });

  it('other repositories are not CPU bases', () => {
    assert.equal(cpu('nvidia/cuda:12.4.1-runtime-ubuntu22.04'), false);
    assert.equal(cpu('rocm/pytorch:latest'), false);
    assert.equal(cpu('myorg/app:1.0'), false);
    assert.equal(cpu('$BASE'), false, 'unresolved');
  });
});
