import { ruleCases } from '../helpers';

ruleCases('DL3030', {
  catches: [
    { text: 'FROM centos:7\nRUN yum install httpd-2.4.6', fixed: 'FROM centos:7\nRUN yum install -y httpd-2.4.6' },
    { text: 'FROM centos:7\nRUN yum groupinstall "Development Tools"', fixed: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools"', name: 'groupinstall' },
    { text: 'FROM centos:7\nRUN yum makecache && \\\n    yum --enablerepo=epel install jq-1.6', lines: [3], name: 'continuation, option before install' },
    { text: 'FROM centos:7\nONBUILD RUN yum install httpd-2.4.6', name: 'in ONBUILD' },
    { text: 'FROM centos:7\nRUN sudo yum localinstall /tmp/x.rpm', name: 'behind sudo' },
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6',
    { text: 'FROM centos:7\nRUN yum --assumeyes install httpd-2.4.6', name: '--assumeyes' },
    { text: 'FROM centos:7\nRUN yum -qy install httpd-2.4.6', name: 'cluster' },
    { text: 'FROM centos:7\nRUN yum clean all', name: 'not install' },
    { text: 'FROM fedora:40\nRUN dnf install git-2.45.2', name: 'dnf is DL3038' },
  ],
});
