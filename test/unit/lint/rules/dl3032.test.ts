import { ruleCases } from '../helpers';

ruleCases('DL3032', {
  catches: [
    { text: 'FROM centos:7\nRUN yum clean all && yum install -y httpd-2.4.6', name: 'a cleanup before the install does not count' },
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6', fixed: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all' },
    { text: 'FROM centos:7\nRUN yum install -y \\\n    httpd-2.4.6 \\\n    jq-1.6', fixed: 'FROM centos:7\nRUN yum install -y \\\n    httpd-2.4.6 \\\n    jq-1.6 && yum clean all', name: 'continuation' },
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean metadata', name: 'clean metadata only' },
    { text: 'FROM centos:7\nONBUILD RUN yum install -y httpd-2.4.6', fixed: 'FROM centos:7\nONBUILD RUN yum install -y httpd-2.4.6 && yum clean all', name: 'in ONBUILD' },
    {
      text: 'FROM centos:7\nRUN if [ -n "$X" ]; then yum install -y httpd-2.4.6; fi',
      fixed: 'FROM centos:7\nRUN if [ -n "$X" ]; then yum install -y httpd-2.4.6; fi && yum clean all',
      name: 'inside if/then',
    },
    { text: 'FROM centos:7\nRUN yum install -y a-1 &', name: 'background job: found, no fix' },
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\nRUN yum clean all', name: 'cleaned in a later RUN' },
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum', name: 'removes the cache' },
    { text: 'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6', name: 'cache mount' },
    { text: 'FROM centos:7\nRUN yum makecache', name: 'no install' },
    { text: 'FROM fedora:40\nRUN dnf install -y git-2.45.2', name: 'dnf is DL3040' },
  ],
});
