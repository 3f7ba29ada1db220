import { ruleCases } from '../helpers';

ruleCases('ML004', {
  catches: [
    'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nCOPY app /app\nCMD ["python3", "/app/serve.py"]',
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel\nCMD ["python"]',
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make\nFROM build AS final\nCMD ["/app"]', name: 'final stage built on a devel stage', lines: [3] },
    { text: 'ARG FLAVOR=devel\nFROM nvcr.io/nvidia/cuda:12.6.3-${FLAVOR}-ubuntu24.04', name: 'via ARG' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04', name: 'production file name', options: { fileName: '/repo/docker/Dockerfile.prod' } },
    { text: 'FROM nvidia/cuda:11.8.0-devel-ubuntu22.04', name: 'devel only in the middle of the file name', options: { fileName: 'cuda-devel-shipped.Dockerfile' } },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS dev', name: 'the shipped stage, whatever its name' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS builder\nRUN make', name: 'a final stage called builder is still shipped' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir deepspeed==0.15.4', name: 'JIT ops: still reported, with the reason' },
  ],
  passes: [
    'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY --from=build /out /app',
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04', options: { fileName: 'Dockerfile.dev' }, name: 'dev Dockerfile' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04', options: { fileName: '/x/ci.Dockerfile' }, name: 'ci Dockerfile' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04', options: { fileName: 'Dockerfile.gpu-test' }, name: 'variant ending in test' },
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
    'FROM nvcr.io/nvidia/pytorch:24.08-py3',
    'FROM python:3.12-slim',
    { text: 'ARG FLAVOR\nFROM nvidia/cuda:12.6.3-${FLAVOR}-ubuntu24.04', name: 'unresolved' },
  ],
});
