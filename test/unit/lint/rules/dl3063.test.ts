import { ruleCases } from '../helpers';

ruleCases('DL3063', {
  catches: [
    { text: 'FROM alpine:3.20 AS scratch', lines: [1] },
    { text: 'FROM alpine:3.20 AS context', name: 'context' },
    { text: 'FROM alpine:3.20 AS Scratch', name: 'case-insensitive' },
    { text: 'FROM alpine:3.20 AS a\nFROM alpine:3.20 as context\nFROM a', lines: [2], name: 'second stage' },
  ],
  passes: [
    'FROM scratch',
    'FROM alpine:3.20 AS build',
    'FROM alpine:3.20 AS scratchpad',
    'FROM alpine:3.20 AS build-context',
  ],
});
