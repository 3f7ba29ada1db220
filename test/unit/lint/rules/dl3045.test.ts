import { ruleCases } from '../helpers';

ruleCases('DL3045', {
  catches: [
    { text: 'COPY app.py app/', lines: [1], name: 'a fragment without FROM: no WORKDIR either' },
    { text: 'FROM python:3.12\nCOPY requirements.txt .', lines: [2] },
    { text: 'FROM python:3.12\nCOPY . app/\nWORKDIR /app', name: 'WORKDIR comes too late' },
    { text: 'FROM python:3.12 AS a\nWORKDIR /a\nFROM python:3.12\nCOPY x.py src/', lines: [4], name: 'WORKDIR of an unrelated stage' },
    { text: 'FROM python:3.12\nCOPY ["a b.txt", "data/"]', name: 'JSON form' },
    { text: 'FROM python:3.12\nCOPY --chown=app \\\n  a.py \\\n  b.py lib/', lines: [4], name: 'continued' },
  ],
  passes: [
    { text: 'WORKDIR /srv\nCOPY app.py app/', name: 'a fragment with its WORKDIR' },
    'FROM python:3.12\nWORKDIR /app\nCOPY . .',
    'FROM python:3.12\nCOPY requirements.txt /app/',
    'FROM python:3.12\nCOPY a.py $APP_HOME/',
    'FROM python:3.12 AS base\nWORKDIR /app\nFROM base\nCOPY . .',
    'FROM python:3.12 AS base\nWORKDIR /app\nFROM base AS mid\nFROM mid\nCOPY . .',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\app\\',
    'FROM python:3.12\nADD a.py lib/',
  ],
});
