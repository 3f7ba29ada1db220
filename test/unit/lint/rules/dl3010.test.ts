import { ruleCases } from '../helpers';

ruleCases('DL3010', {
  catches: [
    { text: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.tar.gz C:\\app\\\nRUN tar -xf C:\\app\\app.tar.gz -C C:\\app', lines: [3], name: 'Windows paths' },
    { text: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt', lines: [2] },
    { text: 'FROM debian:12\nCOPY app.tar /tmp/app.tar\nRUN tar xf /tmp/app.tar', name: 'old-style tar flags' },
    { text: 'FROM debian:12\nWORKDIR /tmp\nCOPY dist/bundle.tgz .\nRUN mkdir /opt/b \\\n && tar --extract --file bundle.tgz -C /opt/b', name: 'long options over a continuation' },
    { text: 'FROM debian:12\nCOPY a.tar.xz b.tar.bz2 /src/\nRUN tar -xJf /src/a.tar.xz && tar -xjf /src/b.tar.bz2', count: 1, name: 'two archives: once per instruction' },
    { text: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN <<EOF\ncd /opt\ntar -xzf /tmp/app.tar.gz\nEOF', name: 'heredoc RUN' },
    { text: 'FROM debian:12\nCOPY app.tgz /tmp/\nRUN sudo tar -zxvf /tmp/app.tgz', name: 'behind sudo' },
    { text: 'FROM debian:12\nCOPY src/app.tgz /tmp/bundle.tgz\nRUN tar -xzf /tmp/bundle.tgz', name: 'renamed on copy' },
    { text: 'FROM debian:12\nCOPY app.tgz /tmp\nRUN tar -xzf /tmp/app.tgz', name: 'destination directory without slash' },
  ],
  passes: [
    'FROM debian:12\nADD app.tar.gz /opt/',
    'FROM debian:12\nCOPY app.tar.gz /tmp/',
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -czf /tmp/other.tar.gz /etc',
    'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip',
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/app.tar.gz',
    'FROM debian:12 AS b\nRUN tar -czf /out.tgz /etc\nFROM debian:12\nCOPY --from=b /out.tgz /tmp/\nRUN tar -xzf /tmp/out.tgz',
    'FROM debian:12\nRUN tar -xzf /tmp/app.tar.gz\nCOPY app.tar.gz /tmp/',
    { text: 'FROM debian:12\nCOPY app.tar.gz /tmp\nRUN tar -xzf other.tgz -C /tmp', name: 'same directory, different archive' },
  ],
});
