import { ruleCases } from '../helpers';

ruleCases('DL3048', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL com.docker.desktop.extension=1', lines: [2] },
    { text: 'FROM ubuntu:24.04\nLABEL Maintainer="a@b.c"', name: 'upper case' },
    { text: 'FROM ubuntu:24.04\nLABEL org..example=1 a--b=2 -x=3 y.=4', count: 1, name: 'four bad keys: once per instruction' },
    { text: 'FROM ubuntu:24.04\nLABEL ok=1 \\\n  io.docker.thing=2', count: 1, lines: [3], name: 'continuation' },
    { text: 'FROM ubuntu:24.04\nLABEL my_label value with spaces', name: 'legacy form' },
    { text: 'FROM ubuntu:24.04\nLABEL "org.dockerproject.x"="1"', name: 'quoted key' },
  ],
  passes: [
    'FROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://github.com/a/b',
    'FROM ubuntu:24.04\nLABEL maintainer="ml@example.com" version=1.0',
    'FROM ubuntu:24.04\nLABEL com.nvidia.volumes.needed="nvidia_driver" ai.acme.model-name=llama',
    'FROM ubuntu:24.04\nLABEL description "a legacy form label"',
    'FROM ubuntu:24.04\nLABEL a1=1 9z=2',
    { text: 'FROM ubuntu:24.04\nONBUILD LABEL Bad=1', name: 'ONBUILD is not checked (as hadolint)' },
  ],
});
