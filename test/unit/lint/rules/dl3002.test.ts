import { ruleCases } from '../helpers';

ruleCases('DL3002', {
  catches: [
    { text: 'FROM python:3.12\nUSER root', lines: [2] },
    { text: 'FROM python:3.12\nUSER app\nRUN true\nUSER 0', count: 1, lines: [4], name: 'numeric root last' },
    { text: 'FROM python:3.12\nUSER root:root', name: 'root with group' },
    { text: 'FROM python:3.12\nUSER 0:0', name: 'uid 0 with gid' },
    { text: 'FROM python:3.12 AS base\nUSER root\nFROM base\nRUN true', lines: [2], name: 'inherited from the parent stage' },
    { text: 'FROM python:3.12 AS build\nUSER app\nFROM python:3.12-slim\nUSER nobody\nUSER root', lines: [5], name: 'final stage' },
  ],
  passes: [
    'FROM python:3.12\nUSER app',
    'FROM python:3.12\nUSER root\nRUN apt-get update\nUSER 1000',
    'FROM python:3.12 AS build\nUSER root\nFROM python:3.12-slim\nUSER app',
    'FROM python:3.12\nRUN true',
    'FROM python:3.12\nUSER rootless',
    'FROM python:3.12\nUSER $APP_USER',
    'FROM python:3.12 AS base\nUSER root\nFROM base\nUSER app',
  ],
});
