import { ruleCases } from '../helpers';

ruleCases('ML001', {
  catches: [
    { text: 'FROM nvidia/cuda\nRUN nvidia-smi', name: 'no tag' },
    { text: 'FROM nvidia/cuda:latest', name: 'latest' },
    { text: 'FROM nvcr.io/nvidia/cuda:latest AS base', name: 'NGC latest' },
    { text: 'FROM nvidia/cuda:12.4-cudnn9-runtime', name: 'missing os' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04 AS ok\nFROM nvidia/cuda:12.4.1-cudnn8-develop-ubuntu22.04', name: 'typo in flavor, second stage', lines: [2] },
    { text: 'ARG CUDA=latest\nFROM nvidia/cuda:${CUDA}', name: 'latest through an ARG default' },
    { text: 'ARG BASE=nvidia/cuda\nFROM ${BASE} AS gpu', name: 'untagged through an ARG default' },
    { text: 'FROM docker.io/nvidia/cuda:12', name: 'major only' },
  ],
  passes: [
    'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
    'FROM nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04',
    'FROM nvcr.io/nvidia/cuda:12.6.3-base-ubi9',
    'FROM nvidia/cuda:12.2.2-runtime-rockylinux9',
    'FROM nvidia/cuda:12.1-devel-ubuntu20.04',
    { text: 'FROM nvidia/cuda@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'digest pinned' },
    { text: 'FROM nvidia/cuda:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'latest but digest pinned' },
    { text: 'ARG CUDA\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu22.04', name: 'ARG without default is unresolvable' },
    { text: 'ARG CUDA_VERSION=12.4.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS build\nFROM build', name: 'resolved ARG and a stage reference' },
    'FROM pytorch/pytorch:latest',
  ],
});
