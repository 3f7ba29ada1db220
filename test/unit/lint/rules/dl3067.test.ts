import { ruleCases } from '../helpers';

ruleCases('DL3067', {
  catches: [
    { text: 'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build / /', lines: [3] },
    { text: 'FROM python:3.12 AS build\nFROM scratch\nCOPY --from=build / /rootfs/', name: 'into a sub-directory' },
    { text: 'FROM python:3.12 AS build\nFROM scratch\nCOPY --from=build /. /', name: 'slash-dot' },
    { text: 'FROM scratch\nCOPY --from=alpine:3.20 / /', name: 'from an image' },
    { text: 'FROM python:3.12 AS b\nFROM scratch\nCOPY --from=b \\\n  / /', lines: [4], name: 'continued' },
  ],
  passes: [
    'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build /venv /venv',
    'FROM python:3.12\nCOPY / /app/',
    'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build /usr/local/ /usr/local/',
    'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build /app /',
  ],
});
