import { ruleCases } from '../helpers';

ruleCases('DL3046', {
  catches: [
    { text: 'FROM debian:12\nRUN useradd -u 123456789 app', fixed: 'FROM debian:12\nRUN useradd -l -u 123456789 app' },
    { text: 'FROM debian:12\nRUN useradd --uid=1000000 -m app', name: '--uid=' },
    { text: 'FROM debian:12\nRUN useradd -mu 2000000 app', name: 'in a cluster' },
    { text: 'FROM debian:12\nARG APP_UID=1234567\nRUN useradd -u ${APP_UID} app', name: 'from an ARG default' },
    { text: 'FROM debian:12\nONBUILD RUN useradd -u 100000 app', name: 'in ONBUILD, six digits' },
    { text: 'FROM debian:12\nRUN groupadd -g 1000 app && \\\n    sudo useradd --uid 99999999 app', lines: [3], name: 'continuation, sudo' },
  ],
  passes: [
    'FROM debian:12\nRUN useradd -l -u 123456789 app',
    { text: 'FROM debian:12\nRUN useradd --no-log-init -u 123456789 app', name: '--no-log-init' },
    { text: 'FROM debian:12\nRUN useradd -lmu 123456789 app', name: 'l in a cluster' },
    { text: 'FROM debian:12\nRUN useradd -u 99999 app', name: 'five digits' },
    { text: 'FROM debian:12\nRUN useradd -m app', name: 'no uid' },
    { text: 'FROM debian:12\nRUN useradd -u ${APP_UID} app', name: 'unknown variable' },
    { text: 'FROM debian:12\nRUN adduser --uid 123456789 app', name: 'adduser' },
  ],
});
