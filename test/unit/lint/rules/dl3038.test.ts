import { ruleCases } from '../helpers';

ruleCases('DL3038', {
  catches: [
    { text: 'FROM fedora:40\nRUN dnf in git-2.45.2', name: 'the in alias' },
    { text: 'FROM fedora:40\nRUN dnf up', name: 'the up alias' },
    { text: 'FROM fedora:40\nRUN dnf upgrade-minimal', name: 'upgrade-minimal' },
    { text: 'FROM fedora:40\nRUN dnf rei git-2.45.2', name: 'the rei alias' },
    { text: 'FROM fedora:40\nRUN dnf install git-2.45.2', fixed: 'FROM fedora:40\nRUN dnf install -y git-2.45.2' },
    { text: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install shadow-utils-4.9', name: 'microdnf' },
    { text: 'FROM fedora:40\nRUN dnf --setopt=install_weak_deps=False \\\n    install git-2.45.2', lines: [2], name: 'continuation: the finding starts at dnf' },
    { text: 'FROM fedora:40\nONBUILD RUN dnf install git-2.45.2', name: 'in ONBUILD' },
    { text: 'FROM fedora:40\nRUN dnf install -y a-1 && dnf groupinstall "C Development Tools"', count: 1, name: 'second command' },
  ],
  passes: [
    { text: 'FROM fedora:40\nRUN dnf up -y && dnf clean all', name: 'up with -y' },
    { text: 'FROM fedora:40\nRUN dnf info git', name: 'info does not install' },
    'FROM fedora:40\nRUN dnf install -y git-2.45.2',
    { text: 'FROM fedora:40\nRUN dnf --assumeyes install git-2.45.2', name: '--assumeyes' },
    { text: 'FROM fedora:40\nRUN microdnf install -y shadow-utils-4.9', name: 'microdnf -y' },
    { text: 'FROM fedora:40\nRUN dnf clean all', name: 'not install' },
    { text: 'FROM centos:7\nRUN yum install httpd-2.4.6', name: 'yum is DL3030' },
  ],
});
