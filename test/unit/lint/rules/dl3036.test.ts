import { ruleCases } from '../helpers';

ruleCases('DL3036', {
  catches: [
    { text: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper install -y curl=8.6.0', name: 'a cleanup before the install does not count' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0', fixed: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n in \\\n    curl=8.6.0', fixed: 'FROM opensuse/leap:15.6\nRUN zypper -n in \\\n    curl=8.6.0 && zypper clean', name: 'continuation' },
    { text: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper in -y curl=8.6.0', name: 'in ONBUILD' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper in -y curl=8.6.0\nRUN zypper clean', name: 'clean in a later RUN' },
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean',
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && zypper cc -a', name: 'cc' },
    { text: 'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl=8.6.0', name: 'cache mount' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && rm -rf /var/cache/zypp/*', name: 'removes the cache' },
    { text: 'FROM opensuse/leap:15.6\nRUN zypper refresh', name: 'no install' },
  ],
});
