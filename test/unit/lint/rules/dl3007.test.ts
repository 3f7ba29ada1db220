import { ruleCases } from '../helpers';

ruleCases('DL3007', {
  catches: [
    { text: 'FROM ubuntu:latest', lines: [1] },
    { text: 'FROM nvcr.io/nvidia/pytorch:latest AS train', name: 'other registry' },
    { text: 'ARG TAG=latest\nFROM python:$TAG', name: 'through an ARG default' },
    { text: 'FROM python:3.12 AS a\nFROM alpine:latest\nFROM debian:latest', count: 2, lines: [2, 3] },
    { text: 'FROM --platform=$BUILDPLATFORM localhost:5000/app:latest', name: 'registry with port' },
    { text: 'ARG TAG=latest\nARG IMG=python:${TAG}\nFROM ${IMG}', name: 'an ARG default built from another ARG' },
    { text: 'ARG T\nFROM "python:${T:-latest}"', name: 'quoted, ${V:-x} default' },
  ],
  passes: [
    'FROM ubuntu:24.04',
    'FROM ubuntu:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'FROM ubuntu',
    'FROM ubuntu:latest-slim',
    'ARG TAG\nFROM python:$TAG',
    { text: 'ARG TAG=notset\nFROM python:$TAG', name: 'a placeholder default: the build passes the tag' },
    { text: 'ARG V\nARG IMG=python:${V:+latest}\nFROM $IMG', name: 'decided by a build arg without a default' },
    'FROM python:3.12 AS latest\nFROM latest',
  ],
});
