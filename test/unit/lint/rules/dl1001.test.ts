import { ruleCases } from '../helpers';

ruleCases('DL1001', {
  catches: [
    { text: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008\nRUN apt-get install -y curl', lines: [2] },
    { text: '# hadolint global ignore=DL3006\nFROM ubuntu', lines: [1], name: 'global pragma' },
    { text: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl\n# hadolint ignore=DL3059\nRUN true', count: 2, lines: [2, 4] },
    { text: 'FROM ubuntu:24.04\nRUN apt-get update \\\n  # hadolint ignore=DL3009\n  && true', lines: [3], name: 'pragma inside a continuation' },
    { text: 'FROM ubuntu:24.04\n   #   HADOLINT ignore = DL3008\nRUN true', name: 'upper case, spaces' },
  ],
  passes: [
    'FROM ubuntu:24.04\nRUN true',
    'FROM ubuntu:24.04\n# hadolint is great\nRUN true',
    'FROM ubuntu:24.04\n# we ignore=nothing here\nRUN true',
    'FROM ubuntu:24.04\nRUN echo "# hadolint ignore=DL3008"',
    { text: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008\nRUN true', options: { config: { ignored: ['DL1001'] } }, name: 'rule ignored in config' },
  ],
});
