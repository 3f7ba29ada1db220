import { ruleCases } from '../helpers';

ruleCases('DL4001', {
  catches: [
    { text: 'FROM debian:12\nRUN wget -q https://a/x\nRUN curl -fsSLO https://a/y', lines: [3], name: 'second tool reported' },
    { text: 'FROM debian:12\nRUN curl -fsSL https://a/x | sh && wget -q https://a/y', count: 1, name: 'both in one RUN' },
    { text: 'FROM debian:12\nRUN curl -fsSLO https://a/x\nRUN wget -q https://a/y\nRUN wget -q https://a/z\nRUN curl -O https://a/w', count: 2, lines: [3, 4], name: 'every use of the other tool' },
    { text: 'FROM debian:12\nRUN wget -q https://a/x\nONBUILD RUN curl -O https://a/y', name: 'ONBUILD' },
    { text: 'FROM debian:12\nRUN wget -q https://a/x && \\\n    sudo curl -O https://a/y', lines: [3], name: 'continuation, sudo' },
  ],
  passes: [
    'FROM debian:12\nRUN curl -fsSLO https://a/x\nRUN curl -fsSLO https://a/y',
    { text: 'FROM debian:12 AS get\nRUN wget -q https://a/x\nFROM debian:12\nRUN curl -O https://a/y', name: 'different stages' },
    { text: 'FROM debian:12\nRUN wget -q https://a/x && apt-get install -y curl=7.88.1', name: 'installing curl is not using it' },
    { text: 'FROM debian:12\nRUN wget -q https://a/x && echo curl', name: 'curl as an argument' },
  ],
});
