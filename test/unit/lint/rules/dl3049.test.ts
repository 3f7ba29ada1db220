import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.version': 'semver' } } };

ruleCases('DL3049', {
  catches: [
    { text: 'FROM ubuntu:24.04 AS base\nLABEL org.opencontainers.image.source=https://x.io/a\nFROM base\nLABEL org.opencontainers.image.version=1.0.0', options: schema, count: 1, lines: [1], name: 'the child inherits, the parent lacks one' },
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://x.io/a', options: schema, count: 1, lines: [1] },
    { text: 'FROM ubuntu:24.04\nRUN true', options: schema, count: 2, name: 'both missing' },
    { text: 'FROM ubuntu:24.04 AS build\nLABEL org.opencontainers.image.source=https://x.io/a org.opencontainers.image.version=1.0.0\nFROM ubuntu:24.04\nRUN true', options: schema, count: 2, lines: [3, 3], name: 'labels in an unrelated build stage do not count' },
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://x.io/a\nONBUILD LABEL org.opencontainers.image.version=1.0.0', options: schema, count: 1, name: 'ONBUILD labels are not on this image' },
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.Source=https://x.io/a org.opencontainers.image.version=1.0.0', options: schema, count: 1, name: 'keys are case sensitive' },
    { text: 'FROM ubuntu:24.04 AS build\nRUN make\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://x.io/a org.opencontainers.image.version=1.0.0', options: schema, count: 2, lines: [1, 1], name: 'every stage is checked, as in hadolint' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://x.io/a \\\n  org.opencontainers.image.version=1.0.0', options: schema },
    { text: 'FROM ubuntu:24.04\nRUN true', name: 'no schema configured' },
    { text: 'FROM ubuntu:24.04 AS base\nLABEL org.opencontainers.image.source=https://x.io/a org.opencontainers.image.version=1\nFROM base\nRUN true', options: schema, name: 'inherited from the parent stage' },
    { text: 'FROM ubuntu:24.04 AS build\nLABEL org.opencontainers.image.source=https://x.io/a org.opencontainers.image.version=1\nFROM build\nLABEL org.opencontainers.image.source=https://x.io/a\nLABEL org.opencontainers.image.version 1.0.0', options: schema, name: 'legacy form, every stage labelled' },
    { text: 'LABEL x=1\nRUN true', options: schema, name: 'a fragment without FROM has no stage to report' },
    { text: 'ARG X=1\n', options: schema, name: 'no stage at all' },
  ],
});
