import { ruleCases } from '../helpers';

ruleCases('DL3034', {
  catches: [
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0', fixed: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper in curl=8.6.0', fixed: 'FROM opensuse/leap:15.6\nRUN zypper in -y curl=8.6.0', name: 'short alias' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper refresh && \\\n    zypper rm vim', lines: [3], name: 'remove, continuation' },
    { text: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper install curl=8.6.0', name: 'in ONBUILD' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper --gpg-auto-import-keys patch', name: 'patch' },
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0',
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0', name: 'global -n' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl=8.6.0', name: '--non-interactive' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install --no-confirm curl=8.6.0', name: '--no-confirm' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper refresh', name: 'refresh does not prompt' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n ref && zypper -n in -y curl=8.6.0 && zypper rm -y vim', name: 'several commands, all non-interactive' },
  ],
});
