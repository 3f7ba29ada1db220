import { ruleCases } from '../helpers';

const ENVLINE = '\nENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility';
const CU124 = 'https://download.pytorch.org/whl/cu124';

ruleCases('ML017', {
  catches: [
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
