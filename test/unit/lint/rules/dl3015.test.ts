import { ruleCases } from '../helpers';

ruleCases('DL3015', {
  catches: [
    { text: 'FROM debian:12\nRUN apt-get install -y curl', fixed: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl' },
    { text: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get -y install \\\n    curl', lines: [3], fixed: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get -y install --no-install-recommends \\\n    curl', name: 'continuation' },
    { text: 'FROM debian:12\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata', name: 'behind env' },
    { text: 'FROM debian:12\nONBUILD RUN apt-get install -y git', name: 'in ONBUILD' },
    { text: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=true git', name: 'recommends switched on' },
    { text: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/no-rec\nFROM debian:12\nRUN apt-get install -y git', lines: [4], name: 'config in another stage' },
  ],
  passes: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl',
    { text: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl', name: '-o option' },
    { text: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=0 curl', name: '-o option with 0' },
    { text: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norec\nRUN apt-get install -y git', name: 'config written earlier in the stage' },
    { text: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y', name: 'not install' },
    { text: 'FROM debian:12\nRUN apt install -y git', name: 'apt is DL3027\'s business' },
  ],
});
