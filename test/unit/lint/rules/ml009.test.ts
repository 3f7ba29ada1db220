import { ruleCases } from '../helpers';

const noIgnore = { context: { hasDockerignore: false, unignoredBulk: [] } };
const bulk = { context: { hasDockerignore: true, unignoredBulk: ['data/', 'model.safetensors'] } };
const clean = { context: { hasDockerignore: true, unignoredBulk: [] } };

ruleCases('ML009', {
  catches: [
    { text: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .', options: noIgnore, name: 'no .dockerignore' },
    { text: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .', options: bulk, name: 'bulk not ignored' },
    { text: 'FROM python:3.12-slim\nADD ./ /app/', options: bulk, name: 'ADD ./' },
    { text: 'FROM python:3.12-slim\nCOPY --chown=1000:1000 . /app', options: bulk, name: 'with flags' },
    { text: 'FROM python:3.12-slim\nCOPY ["./", "/app/"]', options: { context: { hasDockerignore: false, unignoredBulk: ['.git/'] } }, name: 'exec form' },
    { text: 'FROM python:3.12-slim AS a\nCOPY . /a\nFROM python:3.12-slim\nCOPY . /b', options: noIgnore, count: 2, lines: [2, 4] },
  ],
  passes: [
    { text: 'FROM python:3.12-slim\nCOPY . .', name: 'no context facts given' },
    { text: 'FROM python:3.12-slim\nCOPY . .', options: clean, name: '.dockerignore covers the bulk' },
    { text: 'FROM python:3.12-slim\nCOPY src/ /app/src/', options: bulk, name: 'narrow copy' },
    { text: 'FROM python:3.12-slim AS b\nRUN true\nFROM python:3.12-slim\nCOPY --from=b . /app', options: bulk, name: 'copy from a stage' },
    { text: 'FROM python:3.12-slim\nCOPY requirements.txt .', options: noIgnore, name: 'single file' },
  ],
});
