import { ruleCases } from '../helpers';

ruleCases('DL3035', {
  catches: [
    { text: 'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade', name: 'dist-upgrade' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n dup', name: 'dup' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper ref && \\\n    zypper --non-interactive dist-upgrade -y', lines: [3], name: 'continuation' },
    { text: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper dup -y', name: 'in ONBUILD' },
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper -n update',
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n install -y dup=1.0', name: 'package called dup' },
    { text: 'FROM debian:12\nRUN apt-get dist-upgrade -y', name: 'apt-get' },
    { text: 'FROM opensuse/leap:15.6\nRUN echo zypper dup', name: 'echo' },
  ],
});
