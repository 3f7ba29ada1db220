import { ruleCases } from '../helpers';

ruleCases('DL3022', {
  catches: [
    { text: 'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=builder /w /w', lines: [3] },
    { text: 'FROM python:3.12\nCOPY --from=later /x /x\nFROM python:3.12 AS later', name: 'stage defined later' },
    { text: 'FROM python:3.12\nCOPY --from=3 /x /x', name: 'index past the current stage' },
    { text: 'FROM python:3.12\nCOPY --from=alpine /etc/os-release /x', name: 'bare image name without tag' },
    { text: 'FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=a /x /x\nCOPY --from=b /y /y', count: 1, lines: [4] },
  ],
  passes: [
    'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build /w /w',
    'FROM python:3.12 AS Build\nFROM python:3.12-slim\nCOPY --from=build /w /w',
    'FROM python:3.12\nFROM python:3.12-slim\nCOPY --from=0 /w /w',
    'FROM python:3.12\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/uv',
    'FROM python:3.12\nCOPY --from=$BUILDER /w /w',
    'FROM python:3.12 AS app\nCOPY --from=app /x /y',
  ],
});
