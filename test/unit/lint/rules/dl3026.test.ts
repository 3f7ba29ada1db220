import { ruleCases } from '../helpers';

const trusted = (...trustedRegistries: string[]) => ({ config: { trustedRegistries } });

ruleCases('DL3026', {
  catches: [
    { text: 'FROM python:3.12', options: trusted('registry.example.com'), lines: [1] },
    { text: 'FROM ghcr.io/org/app:1.0', options: trusted('docker.io'), name: 'other registry while only Docker Hub is trusted' },
    { text: 'FROM registry.example.com/python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/', options: trusted('registry.example.com'), lines: [2], name: 'COPY --from image' },
    { text: 'FROM registry.example.com/python:3.12\nRUN --mount=type=bind,from=quay.io/org/tools:1,target=/t /t/run', options: trusted('registry.example.com'), lines: [2], name: 'RUN --mount from image' },
    { text: 'ARG BASE=quay.io/org/base:1\nFROM $BASE', options: trusted('docker.io'), name: 'ARG default' },
    { text: 'FROM evil.azurecr.io.attacker.net/x:1', options: trusted('*.azurecr.io'), name: 'wildcard must match the whole host' },
    { text: 'FROM registry.example.com/python:3.12\nCOPY --from=alpine /etc/os-release /x', options: trusted('registry.example.com'), name: 'bare image name in --from' },
  ],
  passes: [
    { text: 'FROM python:3.12', name: 'no trustedRegistries: rule is off' },
    { text: 'FROM python:3.12', options: trusted('docker.io') },
    { text: 'FROM docker.io/library/python:3.12', options: trusted('hub.docker.com') },
    { text: 'FROM registry.example.com/python:3.12 AS build\nFROM build\nCOPY --from=build /x /x', options: trusted('registry.example.com') },
    { text: 'FROM scratch', options: trusted('registry.example.com') },
    { text: 'FROM myteam.azurecr.io/base:1', options: trusted('*.azurecr.io') },
    { text: 'ARG BASE\nFROM $BASE', options: trusted('registry.example.com') },
    { text: 'FROM localhost:5000/app:1\nRUN --mount=type=cache,target=/root/.cache pip install x', options: trusted('localhost:5000') },
    { text: 'FROM registry.example.com/a:1 AS tools\nFROM registry.example.com/b:1\nRUN --mount=from=tools,target=/t /t/x', options: trusted('registry.example.com') },
  ],
});
