import { ruleCases } from '../helpers';

const ENVLINE = '\nENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility';
const CU124 = 'https://download.pytorch.org/whl/cu124';

// ARGs that double at every step (2^40 characters at the end, were they expanded)
const DOUBLING = ['ARG A0=abcdefgh', ...Array.from({ length: 40 }, (_, k) => `ARG A${k + 1}=\${A${k}}\${A${k}}`)].join('\n');

ruleCases('ML017', {
  catches: [
    {
      text: DOUBLING + '\nFROM python:3.12-slim\nARG A40\nENV CUDA_HOME=$A40\nRUN pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/$A40',
      count: 1,
      name: 'an ARG doubling chain stays bounded (no RangeError); the unknown index is not read',
    },
    { text: `FROM python:3.11-slim\nRUN pip install --no-cache-dir torch==2.5.1 --index-url ${CU124}`, fixed: `FROM python:3.11-slim${ENVLINE}\nRUN pip install --no-cache-dir torch==2.5.1 --index-url ${CU124}` },
    { text: 'FROM ubuntu:24.04\nRUN pip install "jax[cuda12]==0.4.35"', name: 'jax' },
    { text: 'FROM python:3.11-slim\nENV CUDA_HOME=/usr/local/cuda', name: 'CUDA_HOME' },
    { text: 'FROM python:3.11-slim AS base\nRUN pip install cupy-cuda12x==13.3.0\nFROM base\nCMD ["python"]', name: 'through the stage chain', lines: [3] },
    { text: 'FROM python:3.11-slim\nARG NVIDIA_VISIBLE_DEVICES=all\nRUN pip install torch==2.5.1+cu121', name: 'ARG is not baked in' },
  ],
  passes: [
    `FROM python:3.11-slim${ENVLINE}\nRUN pip install --no-cache-dir torch==2.5.1 --index-url ${CU124}`,
    `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${CU124}`,
    'FROM python:3.11-slim\nRUN pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cpu',
    { text: `FROM python:3.11-slim AS build\nRUN pip install torch==2.5.1 --index-url ${CU124}\nFROM python:3.11-slim\nCOPY --from=build /x /x`, name: 'GPU wheels only in a build stage' },
    { text: 'FROM python:3.11-slim\nENV NVIDIA_DRIVER_CAPABILITIES=compute,utility\nRUN pip install torch==2.5.1+cu121', name: 'one of the variables is enough' },
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install cupy-cuda12x==13.3.0',
  ],
});
