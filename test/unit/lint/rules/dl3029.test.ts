import { ruleCases } from '../helpers';

ruleCases('DL3029', {
  catches: [
    { text: 'FROM --platform=linux/amd64 python:3.12', lines: [1] },
    { text: 'FROM --platform=linux/arm64 golang:1.23 AS build\nFROM scratch', name: 'named stage' },
    { text: 'FROM python:3.12 AS a\nFROM --platform="linux/amd64" python:3.12', lines: [2], name: 'quoted' },
    { text: 'FROM \\\n  --platform=linux/amd64 \\\n  python:3.12', lines: [2], name: 'continued' },
  ],
  passes: [
    'FROM python:3.12',
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
    'FROM --platform=${TARGETPLATFORM} python:3.12',
    'FROM --platform=$TARGETOS/$TARGETARCH python:3.12',
    'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM python:3.12',
  ],
});
