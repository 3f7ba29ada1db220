import { ruleCases } from '../helpers';

ruleCases('DL3024', {
  catches: [
    { text: 'FROM python:3.12 AS build\nFROM node:22 AS build', lines: [2] },
    { text: 'FROM python:3.12 AS build\nFROM node:22 AS Build', name: 'case-insensitive' },
    { text: 'FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x', count: 2, lines: [2, 3] },
    { text: 'FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1 as x', count: 1, lines: [3], name: 'lower-case as' },
  ],
  passes: [
    'FROM python:3.12 AS build\nFROM node:22 AS web',
    'FROM python:3.12\nFROM python:3.12',
    'FROM python:3.12 AS build\nFROM build',
    'FROM python:3.12 AS build-1\nFROM python:3.12 AS build-2',
  ],
});
