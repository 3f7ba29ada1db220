import { ruleCases } from '../helpers';

ruleCases('DL3027', {
  catches: [
    { text: 'FROM ubuntu:24.04\nRUN apt install -y curl', fixed: 'FROM ubuntu:24.04\nRUN apt-get install -y curl' },
    { text: 'FROM ubuntu:24.04\nRUN apt-get update && apt upgrade -y', count: 1 },
    { text: 'FROM ubuntu:24.04\nRUN sudo apt install -y curl', name: 'behind sudo' },
    { text: 'FROM ubuntu:24.04\nRUN apt update \\\n  && apt install -y curl', count: 1, lines: [2], name: 'once per instruction, the fix replaces both', fixed: 'FROM ubuntu:24.04\nRUN apt-get update \\\n  && apt-get install -y curl' },
    { text: 'FROM ubuntu:24.04\nONBUILD RUN apt install -y git', name: 'in ONBUILD' },
    { text: 'FROM ubuntu:24.04\nRUN <<EOF\napt install -y curl\nEOF', lines: [3], name: 'in a heredoc' },
    { text: 'FROM ubuntu:24.04\nRUN ["apt", "install", "-y", "curl"]', name: 'exec form' },
    { text: 'FROM ubuntu:24.04\nRUN apt search vim', fixed: 'FROM ubuntu:24.04\nRUN apt-cache search vim' },
  ],
  passes: [
    'FROM ubuntu:24.04\nRUN apt-get install -y curl',
    'FROM ubuntu:24.04\nRUN echo "apt install x"',
    'FROM ubuntu:24.04\nRUN apt-cache policy curl',
    'FROM ubuntu:24.04\nRUN cp /etc/apt/sources.list /tmp/apt',
    'FROM ubuntu:24.04\n# apt install curl\nRUN true',
  ],
});
