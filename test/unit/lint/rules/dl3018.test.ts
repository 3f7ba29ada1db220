import { ruleCases } from '../helpers';

ruleCases('DL3018', {
  catches: [
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache curl', name: 'unpinned' },
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2 git', count: 1, name: 'one of two' },
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps \\\n    gcc \\\n    musl-dev=1.2.5-r0', lines: [3], name: 'virtual name skipped, continuation' },
    { text: 'FROM alpine:3.20\nRUN apk --no-cache add bash', name: 'options before add' },
    { text: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache tini', name: 'in ONBUILD' },
    { text: 'FROM alpine:3.20\nRUN apk update && apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing foo', name: 'repository value skipped' },
  ],
  passes: [
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache \"curl>8.0\" \"git<3\" \"bash>=5.2\" zlib~1.3', name: 'fuzzy and bounded versions' },
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2',
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache "python3~3.12"', name: 'fuzzy pin' },
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/pkg-1.0.apk', name: 'local .apk' },
    { text: 'FROM alpine:3.20\nRUN apk add --no-cache -t .deps gcc=13.2.1_git20240309-r0', name: '-t value skipped' },
    { text: 'FROM alpine:3.20\nRUN apk del curl', name: 'not add' },
    { text: 'FROM alpine:3.20\nRUN apk update', name: 'update only' },
  ],
});
