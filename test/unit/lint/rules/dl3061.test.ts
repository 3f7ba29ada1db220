import { ruleCases } from '../helpers';

ruleCases('DL3061', {
  catches: [
    { text: 'LABEL a=b\nFROM python:3.12', lines: [1] },
    { text: 'ARG V=1\nRUN echo hi\nFROM python:3.12', lines: [2], name: 'after an ARG' },
    { text: '# syntax=docker/dockerfile:1\nENV A=1\nWORKDIR /app\nFROM python:3.12', count: 2, lines: [2, 3] },
    { text: 'RUN apt-get update', name: 'no FROM at all' },
    { text: 'maintainer someone\nFROM python:3.12', name: 'lower case' },
    { text: 'RUN a\nONBUILD RUN b\nCOPY x /y', count: 3, name: 'every instruction of a fragment' },
  ],
  passes: [
    'FROM python:3.12\nRUN true',
    'ARG PY=3.12\nFROM python:${PY}',
    '# syntax=docker/dockerfile:1\n# a comment\nARG A\nARG B=2\nFROM python:3.12',
    '\n\n# just comments\n\nFROM python:3.12',
    'FROM python:3.12\nLABEL a=b\nFROM python:3.12',
  ],
});
