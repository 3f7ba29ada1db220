import { ruleCases } from '../helpers';

ruleCases('DL3065', {
  catches: [
    { text: 'FROM --platform=$TARGETPLATFORM python:3.12', fixed: 'FROM python:3.12' },
    { text: 'FROM --platform=${TARGETPLATFORM} python:3.12 AS app', fixed: 'FROM python:3.12 AS app', name: 'braces' },
    { text: 'FROM a:1 AS a\nFROM --platform=$TARGETPLATFORM b:1', lines: [2] },
    { text: 'FROM \\\n  --platform=$TARGETPLATFORM \\\n  python:3.12', lines: [2], name: 'continued' },
  ],
  passes: [
    'FROM python:3.12',
    'FROM --platform=$BUILDPLATFORM golang:1.23',
    'FROM --platform=linux/amd64 python:3.12',
    'FROM --platform=$TARGETOS/$TARGETARCH python:3.12',
  ],
});
