import { ruleCases } from '../helpers';

ruleCases('DL3008', {
  catches: [
    { text: 'FROM debian:12\nRUN aptitude install -y curl', name: 'aptitude' },
    { text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl', name: 'one unpinned package' },
    { text: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1 wget git', count: 1, name: 'one finding per install, several unpinned' },
    { text: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl=7.88.1 \\\n    git', lines: [5], name: 'continuation: points at the unpinned package' },
    { text: 'FROM debian:12\nRUN sudo apt-get -y install python3', name: 'behind sudo, options before install' },
    { text: 'FROM debian:12\nONBUILD RUN apt-get install -y vim', name: 'in ONBUILD' },
    { text: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y jq\nEOF', lines: [4], name: 'heredoc' },
    { text: 'FROM debian:12\nRUN apt-get install -y a=1 && apt-get install -y b', count: 1, name: 'second install only' },
    { text: 'FROM debian:12\nRUN apt-get install -y -o Dpkg::Use-Pty=0 -t bookworm-backports golang', name: 'option values are not packages' },
  ],
  passes: [
    { text: 'FROM debian:12\nRUN aptitude install -y curl=7.88.1-10', name: 'aptitude, pinned' },
    { text: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends $PKGS \"${EXTRA[@]}\" && rm -rf /var/lib/apt/lists/*', name: 'variables: not judged' },
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8 git=1:2.39.5-0+deb12u1',
    { text: 'FROM debian:12\nRUN apt-get install -y golang/bookworm-backports', name: 'release pin' },
    { text: 'FROM debian:12\nRUN apt-get install -y ./pkg.deb', name: 'local .deb' },
    { text: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y', name: 'not an install' },
    { text: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang=2:1.21', name: '-t value skipped' },
    { text: 'FROM debian:12\nRUN echo apt-get install curl', name: 'in an echo' },
    { text: 'FROM debian:12\nRUN apt-cache show curl', name: 'apt-cache' },
  ],
});
