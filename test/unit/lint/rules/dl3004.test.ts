import { ruleCases } from '../helpers';

ruleCases('DL3004', {
  catches: [
    { text: 'FROM ubuntu:24.04\nRUN sudo apt-get update', fixed: 'FROM ubuntu:24.04\nRUN apt-get update' },
    { text: 'FROM ubuntu:24.04\nRUN apt-get update && sudo apt-get install -y curl', fixed: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl' },
    { text: 'FROM ubuntu:24.04\nRUN sudo -E pip install x', name: 'with options: reported, no fix' },
    { text: 'FROM ubuntu:24.04\nRUN true \\\n && sudo \\\n  make install', lines: [3], fixed: 'FROM ubuntu:24.04\nRUN true \\\n && make install', name: 'continuation' },
    { text: 'FROM ubuntu:24.04\nONBUILD RUN sudo make install', fixed: 'FROM ubuntu:24.04\nONBUILD RUN make install', name: 'ONBUILD' },
    { text: 'FROM ubuntu:24.04\nRUN env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y x', name: 'behind env' },
    { text: 'FROM ubuntu:24.04\nRUN <<EOF\nsudo make install\nEOF', lines: [3], fixed: 'FROM ubuntu:24.04\nRUN <<EOF\nmake install\nEOF', name: 'heredoc' },
    { text: 'FROM ubuntu:24.04\nRUN ["sudo", "make", "install"]', name: 'exec form' },
  ],
  passes: [
    'FROM ubuntu:24.04\nRUN apt-get install -y sudo',
    'FROM ubuntu:24.04\nRUN echo "sudo make me a sandwich"',
    'FROM ubuntu:24.04\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers',
    'FROM ubuntu:24.04\nRUN gosu app make',
    'FROM ubuntu:24.04\nRUN visudo -c && cp x /etc/sudoers.d/app',
  ],
});
