import { ruleCases } from '../helpers';

ruleCases('DL3047', {
  catches: [
    { text: 'FROM debian:12\nRUN wget https://example.com/x.tgz', fixed: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/x.tgz' },
    { text: 'FROM debian:12\nRUN wget -O /tmp/x.tgz https://example.com/x.tgz', name: '-O is not quiet' },
    { text: 'FROM debian:12\nRUN cd /tmp && \\\n    wget -c https://example.com/model.bin', lines: [3], name: 'continuation' },
    { text: 'FROM debian:12\nONBUILD RUN wget https://example.com/x.tgz', name: 'in ONBUILD' },
    { text: 'FROM debian:12\nRUN wget -Oq https://example.com/x.tgz', name: 'q is the value of -O here' },
  ],
  passes: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/x.tgz',
    { text: 'FROM debian:12\nRUN wget -q https://example.com/x.tgz', name: '-q' },
    { text: 'FROM debian:12\nRUN wget -qO- https://example.com/x.sh | sh', name: 'cluster' },
    { text: 'FROM debian:12\nRUN wget -nv https://example.com/x.tgz', name: '-nv' },
    { text: 'FROM debian:12\nRUN wget --no-verbose https://example.com/x.tgz', name: '--no-verbose' },
    { text: 'FROM debian:12\nRUN wget --quiet https://example.com/x.tgz', name: '--quiet' },
    { text: 'FROM debian:12\nRUN curl -fsSLO https://example.com/x.tgz', name: 'curl' },
  ],
});
