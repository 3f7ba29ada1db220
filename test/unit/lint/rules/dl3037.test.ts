import { ruleCases } from '../helpers';

ruleCases('DL3037', {
  catches: [
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean', name: 'unpinned' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 git-core', count: 1, name: 'one of two' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n in -r myrepo \\\n    tar', lines: [3], name: 'repo value skipped, continuation' },
    { text: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in curl', name: 'in ONBUILD' },
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean',
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install -y "curl>=8.0"', name: 'bound' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install -y /tmp/x.rpm', name: 'rpm file' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper rm -y curl', name: 'not install' },
  ],
});
