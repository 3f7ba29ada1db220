import { ruleCases } from '../helpers';

ruleCases('DL3019', {
  catches: [
    { text: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r2', fixed: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2' },
    { text: 'FROM alpine:3.20\nRUN apk add --update curl=8.9.1-r2', fixed: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2', name: '--update is replaced' },
    { text: 'FROM alpine:3.20\nRUN apk update \\\n && apk add -U \\\n    git=2.45.2-r0', fixed: 'FROM alpine:3.20\nRUN apk update \\\n && apk add --no-cache \\\n    git=2.45.2-r0', lines: [3], name: '-U on a continuation line' },
    { text: 'FROM alpine:3.20\nONBUILD RUN apk add git=2.45.2-r0', name: 'in ONBUILD' },
    { text: 'FROM alpine:3.20\nRUN sudo apk add git=2.45.2-r0 && rm -rf /var/cache/apk/*', name: 'manual cleanup still flagged, behind sudo' },
    { text: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add git=2.45.2-r0', name: 'cache mount elsewhere' },
  ],
  passes: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2',
    { text: 'FROM alpine:3.20\nRUN apk --no-cache add curl=8.9.1-r2', name: 'before add' },
    { text: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r2', name: 'cache mount' },
    { text: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl=8.9.1-r2', name: 'cache mount on /etc/apk/cache' },
    { text: 'FROM alpine:3.20\nRUN apk del curl', name: 'not add' },
    { text: 'FROM alpine:3.20\nRUN echo apk add curl', name: 'echo' },
  ],
});
