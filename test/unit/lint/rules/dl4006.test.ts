import { ruleCases } from '../helpers';

const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

ruleCases('DL4006', {
  catches: [
    { text: 'FROM debian:12\nRUN curl -fsSL "$(cat /url)" | tar -xz', name: 'a pipe after a substitution' },
    { text: 'FROM ubuntu:24.04\nRUN curl -fsSL https://x.io/a.tgz | tar -xz', lines: [2], fixed: `FROM ubuntu:24.04\n${SHELL}\nRUN curl -fsSL https://x.io/a.tgz | tar -xz` },
    { text: 'FROM ubuntu:24.04\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN a | b', name: 'sh does not count' },
    { text: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN a | b', name: 'bash without pipefail', fixed: `FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\n${SHELL}\nRUN a | b` },
    { text: 'FROM alpine:3.20\nRUN wget -qO- https://x.io/i.sh | sh', name: 'alpine: no fix offered' },
    { text: `FROM ubuntu:24.04 AS a\n${SHELL}\nFROM ubuntu:24.04\nRUN a | b`, name: 'SHELL of an unrelated stage does not count' },
    { text: 'FROM ubuntu:24.04\nRUN a \\\n  && b | c', lines: [3], name: 'continuation' },
    { text: 'FROM ubuntu:24.04\nRUN a | b\nRUN c | d', count: 2 },
    { text: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\ncurl x | sh\nEOF', lines: [4], name: 'heredoc' },
    { text: 'FROM ubuntu:24.04\nRUN a | b && set -o pipefail', name: 'set after the pipe' },
  ],
  passes: [
    { text: 'FROM debian:12\nRUN python compare.py --model "$(ls -d /export/* | sort -V | tail -n 1)"', name: 'a pipe inside $(…) does not decide the exit status' },
    `FROM ubuntu:24.04\n${SHELL}\nRUN a | b`,
    'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nRUN a | b',
    'FROM ubuntu:24.04\nRUN set -euo pipefail && a | b',
    'FROM ubuntu:24.04\nRUN a || b',
    'FROM ubuntu:24.04\nRUN echo "a | b" && grep \'x|y\' f',
    `FROM ubuntu:24.04 AS base\n${SHELL}\nFROM base\nRUN a | b`,
    'FROM ubuntu:24.04\nRUN ["sh", "-c", "a | b"]',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name',
    'FROM ubuntu:24.04\nONBUILD RUN a | b',
    'FROM ubuntu:24.04\nRUN a 2>&1 >/dev/null; b',
  ],
});
