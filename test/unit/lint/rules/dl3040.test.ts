import { ruleCases } from '../helpers';

ruleCases('DL3040', {
  catches: [
    { text: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git-2.45.2', name: 'a cleanup before the install does not count' },
    { text: 'FROM fedora:40\nRUN dnf in -y git-2.45.2', name: 'the in alias' },
    { text: 'FROM fedora:40\nRUN dnf install -y a-1 && dnf clean all && dnf install -y b-2', name: 'installs again after the cleanup' },
    { text: 'FROM fedora:40\nRUN dnf install -y git-2.45.2', fixed: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all' },
    { text: 'FROM ubi9-minimal\nRUN microdnf install -y tar-1.34', fixed: 'FROM ubi9-minimal\nRUN microdnf install -y tar-1.34 && microdnf clean all', name: 'microdnf' },
    { text: 'FROM fedora:40\nRUN dnf install -y \\\n    git-2.45.2 ; ', fixed: 'FROM fedora:40\nRUN dnf install -y \\\n    git-2.45.2 && dnf clean all ; ', name: 'continuation, trailing semicolon' },
    { text: 'FROM fedora:40\nONBUILD RUN dnf install -y git-2.45.2', name: 'in ONBUILD' },
    { text: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean packages', name: 'partial clean' },
    { text: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 # tools', name: 'trailing comment: no fix but still found' },
  ],
  passes: [
    { text: 'FROM ubi9-minimal\nRUN microdnf install -y tar-1.34 && rm -rf /var/cache/libdnf5', name: 'libdnf5 cache removed' },
    'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all',
    { text: 'FROM ubi9-minimal\nRUN microdnf install -y tar-1.34 && microdnf clean all', name: 'microdnf clean all' },
    { text: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && rm -rf /var/cache/dnf/*', name: 'removes the cache' },
    { text: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-2.45.2', name: 'cache mount' },
    { text: 'FROM fedora:40\nRUN dnf makecache', name: 'no install' },
  ],
});
