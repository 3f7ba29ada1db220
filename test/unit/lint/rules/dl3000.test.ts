import { ruleCases } from '../helpers';

ruleCases('DL3000', {
  catches: [
    { text: 'FROM python:3.12\nWORKDIR app', lines: [2] },
    { text: 'FROM python:3.12\nWORKDIR ./src', name: 'dot-relative' },
    { text: 'FROM python:3.12\nWORKDIR "app/src"', name: 'quoted relative' },
    { text: 'FROM python:3.12\nWORKDIR /app\nWORKDIR src', count: 1, lines: [3], name: 'relative after an absolute one' },
    { text: 'FROM python:3.12\nWORKDIR \\\n  code', name: 'continued line' },
    { text: 'FROM python:3.12 AS a\nWORKDIR /a\nFROM python:3.12\nWORKDIR ~/x', lines: [4], name: 'tilde is not expanded' },
  ],
  passes: [
    'FROM python:3.12\nWORKDIR /app',
    'FROM python:3.12\nWORKDIR "/opt/my app"',
    'FROM python:3.12\nWORKDIR $HOME/app',
    'FROM python:3.12\nWORKDIR ${APP_DIR}',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR c:/app',
    'FROM python:3.12\n# WORKDIR app\nRUN true',
  ],
});
