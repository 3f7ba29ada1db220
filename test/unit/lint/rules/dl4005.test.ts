import { ruleCases } from '../helpers';

ruleCases('DL4005', {
  catches: [
    { text: 'FROM ubuntu:24.04\nRUN ln -sf /bin/bash /bin/sh', lines: [2] },
    { text: 'FROM ubuntu:24.04\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh', name: 'after rm' },
    { text: 'FROM ubuntu:24.04\nRUN ln -s -f bash /usr/bin/sh', name: '/usr/bin/sh' },
    { text: 'FROM ubuntu:24.04\nONBUILD RUN ln -sf /bin/zsh /bin/sh', name: 'ONBUILD' },
    { text: 'FROM ubuntu:24.04\nRUN true \\\n  && sudo ln -sf /bin/bash /bin/sh', lines: [3], name: 'sudo, continuation' },
  ],
  passes: [
    'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]',
    'FROM ubuntu:24.04\nRUN ln -sf /usr/bin/python3 /usr/bin/python',
    'FROM ubuntu:24.04\nRUN ln -s /bin/sh /usr/local/bin/mysh',
    'FROM ubuntu:24.04\nRUN echo "ln -sf /bin/bash /bin/sh"',
    'FROM ubuntu:24.04\nRUN ls -l /bin/sh',
  ],
});
