import { ruleCases } from '../helpers';

ruleCases('DL3029', {
  catches: [
    { text: 'FROM --platform=linux/amd64 alpine:3.20 AS tools-amd64\nFROM --platform=linux/amd64 alpine:3.20 AS other\nFROM tools-${TARGETARCH}', count: 1, lines: [2], name: 'a stage no TARGETARCH reference picks' },
    { text: 'FROM --platform=linux/amd64 python:3.12', lines: [1] },
    { text: 'FROM --platform=linux/arm64 golang:1.23 AS build\nFROM scratch', name: 'named stage' },
    { text: 'FROM python:3.12 AS a\nFROM --platform="linux/amd64" python:3.12', lines: [2], name: 'quoted' },
    { text: 'FROM \\\n  --platform=linux/amd64 \\\n  python:3.12', lines: [2], name: 'continued' },
  ],
  passes: [
    { text: 'FROM --platform=linux/amd64 nvidia/cuda:12.4.1-runtime-ubuntu22.04 AS base-amd64\nFROM --platform=linux/arm64 arm64v8/ubuntu:22.04 AS base-arm64\nFROM base-${TARGETARCH}\nRUN true', name: 'one stage per architecture, picked by TARGETARCH' },
    { text: 'FROM --platform=linux/amd64 alpine:3.20 AS tools-linux-amd64\nFROM alpine:3.20\nCOPY --from=tools-$TARGETOS-$TARGETARCH /x /x', name: 'picked by COPY --from' },
    'FROM python:3.12',
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
    'FROM --platform=${TARGETPLATFORM} python:3.12',
    'FROM --platform=$TARGETOS/$TARGETARCH python:3.12',
    'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM python:3.12',
  ],
});
