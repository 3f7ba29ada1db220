import { ruleCases } from '../helpers';

ruleCases('ML003', {
  catches: [
    'FROM tensorflow/tensorflow:latest-gpu',
    'FROM pytorch/torchserve:latest-gpu',
    'FROM vllm/vllm-openai:nightly',
    { text: 'FROM ghcr.io/huggingface/text-generation-inference:sha-abc AS x\nFROM tensorflow/tensorflow:gpu', lines: [2], name: 'no-digit tag' },
    { text: 'ARG VLLM=latest\nFROM vllm/vllm-openai:${VLLM}', name: 'latest through an ARG default (DL3007 reports it too: off here)', options: { ignore: ['DL3007'] } },
    { text: 'ARG IMG=pytorch/pytorch\nFROM $IMG', name: 'untagged through an ARG default' },
    'FROM quay.io/jupyter/pytorch-notebook:cuda12-latest',
    'FROM nvcr.io/nvidia/pytorch:nightly-py3',
  ],
  passes: [
    { text: 'FROM tensorflow/tensorflow:latest', name: 'literal latest is DL3007\'s' },
    'FROM tensorflow/tensorflow:2.17.0-gpu',
    'FROM vllm/vllm-openai:v0.6.3',
    'FROM nvcr.io/nvidia/pytorch:24.08-py3',
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
    'FROM python:latest-slim',
    { text: 'ARG T=latest\nFROM nvidia/cuda:$T', name: 'nvidia/cuda is ML001\'s' },
    { text: 'FROM vllm/vllm-openai:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'digest' },
    { text: 'ARG VLLM=v0.6.3\nFROM vllm/vllm-openai:${VLLM}', name: 'pinned ARG' },
    { text: 'ARG TAG=notset\nFROM vllm/vllm-openai:${TAG}', name: 'placeholder default' },
    { text: 'FROM pytorch/pytorch:changeme', name: 'placeholder tag' },
    { text: 'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel AS build\nFROM build', name: 'stage reference' },
  ],
});
