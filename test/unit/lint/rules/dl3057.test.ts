import { ruleCases } from '../helpers';

ruleCases('DL3057', {
  catches: [
    { text: 'FROM python:3.12\nCMD ["python", "serve.py"]', lines: [1] },
    { text: 'FROM python:3.12 AS build\nHEALTHCHECK CMD true\nFROM python:3.12-slim\nCMD ["x"]', lines: [3], name: 'only an unrelated stage has one' },
    { text: 'FROM python:3.12\nONBUILD HEALTHCHECK CMD true', name: 'ONBUILD does not count for this image' },
    { text: 'FROM python:3.12\nRUN echo HEALTHCHECK', name: 'word in a RUN' },
    { text: 'FROM python:3.12 AS build\nRUN make\nFROM python:3.12-slim\nHEALTHCHECK CMD true', lines: [1], name: 'every stage is checked, as in hadolint' },
    { text: 'FROM python:3.12 AS a\nFROM python:3.12 AS b\nHEALTHCHECK NONE\nFROM a', count: 2, lines: [1, 4], name: 'inherits only from its own parent' },
  ],
  passes: [
    'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1',
    'FROM python:3.12\nHEALTHCHECK NONE',
    'FROM python:3.12 AS base\nHEALTHCHECK CMD true\nFROM base\nCMD ["x"]',
    'FROM python:3.12 AS build\nHEALTHCHECK NONE\nFROM python:3.12-slim\nHEALTHCHECK --interval=30s \\\n  CMD true',
    { text: 'RUN make\nCMD ["x"]', name: 'a fragment without FROM has no stage to report' },
    { text: 'FROM python:3.12', options: { config: { ignored: ['DL3057'] } }, name: 'ignored in config' },
  ],
});
