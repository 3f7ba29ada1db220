import { ruleCases } from '../helpers';

ruleCases('DL3033', {
  catches: [
    { text: 'FROM centos:7\nRUN yum install -y httpd && yum clean all', name: 'unpinned' },
    { text: 'FROM centos:7\nRUN yum install -y python3-pip && yum clean all', name: 'hyphen in the name is not a version' },
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 jq && yum clean all', count: 1, name: 'one of two' },
    { text: 'FROM centos:7\nONBUILD RUN yum install -y httpd', name: 'in ONBUILD' },
    { text: 'FROM centos:8\nRUN yum module install -y nodejs', name: 'module without stream' },
    { text: 'FROM centos:7\nRUN yum install -y --enablerepo epel \\\n    jq', lines: [3], name: 'repo value skipped, continuation' },
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    { text: 'FROM centos:7\nRUN yum install -y httpd-2.4.6-99.el7.centos.1', name: 'version and release' },
    { text: 'FROM centos:7\nRUN yum localinstall -y /tmp/pkg.rpm', name: 'rpm file' },
    { text: 'FROM centos:7\nRUN yum install -y "httpd-${HTTPD_VERSION}"', name: 'version from a variable' },
    { text: 'FROM centos:7\nRUN yum remove -y httpd', name: 'not install' },
    { text: 'FROM centos:8\nRUN yum module install -y nodejs:12', name: 'module stream' },
  ],
});
