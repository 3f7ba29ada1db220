import { ruleCases } from '../helpers';

ruleCases('ML002', {
  catches: [
    'FROM nvidia/cuda:11.3.1-cudnn8-runtime-ubuntu20.04',
    'FROM nvidia/cuda:10.2-base-ubuntu18.04',
    { text: 'FROM nvcr.io/nvidia/cuda:11.2.2-devel-ubuntu20.04 AS build\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04', lines: [1] },
    { text: 'ARG CUDA=11.1.1\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu20.04', name: 'version from an ARG default', lines: [2] },
    { text: 'FROM nvidia/cuda:9.0-devel-ubuntu16.04', name: 'very old' },
    {
      text: 'FROM nvidia/cuda:12.1.0-devel-ubuntu22.04',
      name: 'a patch NVIDIA moved to end-of-life, with its maintained successor as the fix',
      fixed: 'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04',
    },
    { text: 'FROM nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04', fixed: 'FROM nvidia/cuda:13.0.2-cudnn-runtime-ubuntu24.04' },
    { text: 'FROM nvidia/cuda:12.6.0-base-ubuntu24.04', fixed: 'FROM nvidia/cuda:12.6.3-base-ubuntu24.04' },
  ],
  passes: [
    'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
    { text: 'FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04', name: 'retired by policy only, still built by NVIDIA' },
    { text: 'FROM nvidia/cuda:11.7.1-devel-ubuntu22.04', name: 'retired by policy only' },
    'FROM nvidia/cuda:13.0.2-runtime-ubuntu24.04',
    { text: 'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04', name: 'the newest patch of its line' },
    { text: 'FROM nvidia/cuda:13.0.1-runtime-cm2', name: 'no newer patch on that distro: nothing to move to' },
    { text: 'FROM nvidia/cuda:14.1.0-runtime-ubuntu24.04', name: 'newer than the table' },
    { text: 'FROM nvidia/cuda:11.3.1-runtime-ubuntu20.04@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'digest pinned' },
    { text: 'FROM pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime', name: 'not an NVIDIA CUDA image' },
    { text: 'ARG CUDA\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu20.04', name: 'unresolved' },
    'FROM nvidia/cuda:latest',
  ],
});
