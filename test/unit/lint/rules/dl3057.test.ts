import { ruleCases } from '../helpers';

ruleCases('DL3057', {
  catches: [
    { text: 'FROM python:3.12\nCMD ["python", "serve.py"]', lines: [1] },
    { text: 'FROM python:3.12 AS build\nHEALTHCHECK CMD true\nFROM python:3.12-slim\nCMD ["x"]', lines: [3], name: 'only an unrelated stage has one' },
    { text: 'FROM python:3.12\nONBUILD HEALTHCHECK CMD true', name: 'ONBUILD does not count for this image' },
    { text: 'FROM python:3.12\nRUN echo HEALTHCHECK', name: 'word in a RUN' },
  ],
  passes: [
    'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1',
    'FROM python:3.12\nHEALTHCHECK NONE',
    'FROM python:3.12 AS base\nHEALTHCHECK CMD true\nFROM base\nCMD ["x"]',
    'FROM python:3.12 AS build\nFROM python:3.12-slim\nHEALTHCHECK --interval=30s \\\n  CMD true',
    { text: 'FROM python:3.12', options: { config: { ignored: ['DL3057'] } }, name: 'ignored in config' },
  ],
});
