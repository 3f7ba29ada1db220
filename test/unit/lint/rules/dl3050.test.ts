import { ruleCases } from '../helpers';

const strict = { config: { 'label-schema': { 'org.opencontainers.image.version': 'semver' }, 'strict-labels': true } };

ruleCases('DL3050', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.version=1.0.0 team=ml', options: strict, count: 1 },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer="x@y.z"', options: strict },
    { text: 'FROM ubuntu:24.04 AS b\nLABEL stage=build\nFROM ubuntu:24.04\nLABEL other=1', options: strict, count: 2, lines: [2, 4], name: 'every stage' },
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.version=1.0.0 \\\n  extra=1', options: strict, lines: [3], name: 'continuation' },
    { text: 'FROM ubuntu:24.04\nLABEL description a legacy label', options: strict, name: 'legacy form' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.version=1.0.0', options: strict },
    { text: 'FROM ubuntu:24.04\nLABEL team=ml', options: { config: { 'label-schema': { 'org.opencontainers.image.version': 'semver' } } }, name: 'strict-labels off' },
    { text: 'FROM ubuntu:24.04\nLABEL team=ml', options: { config: { 'strict-labels': true } }, name: 'no schema' },
    { text: 'FROM ubuntu:24.04\nLABEL team=ml', name: 'no config' },
    { text: 'FROM ubuntu:24.04\nENV team=ml', options: strict, name: 'ENV is not a label' },
  ],
});
