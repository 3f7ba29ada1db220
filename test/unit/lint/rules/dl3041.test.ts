import { ruleCases } from '../helpers';

ruleCases('DL3041', {
  catches: [
    { text: 'FROM fedora:40\nRUN dnf in -y git && dnf clean all', name: 'the in alias' },
    { text: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all', name: 'unpinned' },
    { text: 'FROM ubi9-minimal\nRUN microdnf install -y tar && microdnf clean all', name: 'microdnf' },
    { text: 'FROM fedora:40\nRUN dnf module install -y nodejs', name: 'module without stream' },
    { text: 'FROM fedora:40\nONBUILD RUN dnf install -y git', name: 'in ONBUILD' },
    { text: 'FROM fedora:40\nRUN dnf install -y \\\n    git-2.45.2 \\\n    vim-enhanced', lines: [4], name: 'continuation' },
  ],
  passes: [
    'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all',
    { text: 'FROM fedora:40\nRUN dnf module install -y nodejs:20', name: 'module stream' },
    { text: 'FROM fedora:40\nRUN dnf module enable -y nodejs', name: 'module enable is not an install' },
    { text: 'FROM fedora:40\nRUN dnf install -y /tmp/x.rpm', name: 'rpm file' },
    { text: 'FROM fedora:40\nRUN dnf upgrade -y', name: 'not install' },
  ],
});
