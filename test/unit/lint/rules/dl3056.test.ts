import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { version: 'semver' } } };

ruleCases('DL3056', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL version=v1.2.3', options: schema, name: 'leading v' },
    { text: 'FROM ubuntu:24.04\nLABEL version=1.2', options: schema, name: 'two parts' },
    { text: 'FROM ubuntu:24.04\nLABEL version=01.2.3', options: schema, name: 'leading zero' },
    { text: 'FROM ubuntu:24.04\nLABEL version=1.2.3-rc..1', options: schema, name: 'empty prerelease id' },
    { text: 'FROM ubuntu:24.04\nLABEL version=1.2.3-01', options: schema, name: 'numeric prerelease with leading zero' },
    { text: 'FROM ubuntu:24.04\nLABEL version=latest', options: schema },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL version=1.4.0', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL version=2.0.0-rc.1+build.5', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL version=0.0.0-alpha-1.0a', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL version=$VERSION', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL version=v1', name: 'no schema' },
  ],
});
