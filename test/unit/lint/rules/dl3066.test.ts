import { ruleCases } from '../helpers';

ruleCases('DL3066', {
  catches: [
    { text: 'FROM ubuntu:24.04\nUSER app', lines: [2] },
    { text: 'FROM ubuntu:24.04\nUSER app:app' },
    { text: 'FROM ubuntu:24.04\nUSER 1000:docker', name: 'group name' },
    { text: 'FROM ubuntu:24.04\nUSER appuser:1000', name: 'user name, numeric group' },
    { text: 'FROM ubuntu:24.04\nUSER root', name: 'root is a name too' },
  ],
  passes: [
    'FROM ubuntu:24.04\nUSER 1000',
    'FROM ubuntu:24.04\nUSER 10001:10001',
    'FROM ubuntu:24.04\nUSER ${UID}:${GID}',
    'FROM ubuntu:24.04\nUSER $USERNAME',
    'FROM ubuntu:24.04\nRUN useradd app',
  ],
});
