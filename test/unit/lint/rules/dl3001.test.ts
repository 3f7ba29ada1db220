import { ruleCases } from '../helpers';

ruleCases('DL3001', {
  catches: [
    { text: 'FROM ubuntu:24.04\nRUN service nginx start', lines: [2] },
    { text: 'FROM ubuntu:24.04\nRUN apt-get update && sudo service ssh restart', name: 'behind sudo' },
    { text: 'FROM ubuntu:24.04\nRUN ps aux | grep python', name: 'ps in a pipeline' },
    { text: 'FROM ubuntu:24.04\nRUN true \\\n  && vim /etc/hosts', lines: [3], name: 'continuation' },
    { text: 'FROM ubuntu:24.04\nONBUILD RUN shutdown -h now', name: 'ONBUILD' },
    { text: 'FROM ubuntu:24.04\nRUN <<EOF\nkill -9 1\nifconfig\nEOF', count: 1, lines: [3], name: 'heredoc: once per instruction' },
    { text: 'FROM ubuntu:24.04\nRUN /usr/bin/top -b -n 1', name: 'absolute path' },
    { text: 'FROM ubuntu:24.04\nRUN env LANG=C mount -t tmpfs none /mnt', name: 'behind env' },
    { text: 'FROM ubuntu:24.04\nRUN pgrep x | xargs -I {} kill {}', name: 'behind xargs with an option value' },
  ],
  passes: [
    'FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends vim openssh-client procps',
    'FROM ubuntu:24.04\nRUN ssh-keygen -A',
    'FROM ubuntu:24.04\nRUN echo "ps and top are tools"',
    'FROM ubuntu:24.04\nRUN pkill -f foo || true && killall x || true',
    'FROM ubuntu:24.04\nCMD ["service", "nginx", "start"]',
    'FROM ubuntu:24.04\nRUN pip install --no-cache-dir top==1.0 free-proxy',
    'FROM ubuntu:24.04\nRUN command -v ps || apt-get install -y procps',
    'FROM ubuntu:24.04\nRUN env -u SSH_AUTH_SOCK git fetch',
    { text: 'FROM ubuntu:24.04\nRUN sudo -u top make', name: 'an option value of sudo is not a command' },
  ],
});
