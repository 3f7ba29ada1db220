import { ruleCases } from '../helpers';

ruleCases('DL3014', {
  catches: [
    { text: 'FROM debian:12\nRUN aptitude install curl=7.88.1-10', name: 'aptitude' },
    { text: 'FROM debian:12\nRUN apt-get install curl', fixed: 'FROM debian:12\nRUN apt-get install -y curl' },
    { text: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install \\\n      git', fixed: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y \\\n      git', lines: [3], name: 'continuation' },
    { text: 'FROM debian:12\nRUN apt-get -q install curl', name: 'one -q is not enough' },
    { text: 'FROM debian:12\nRUN sudo apt-get install --no-install-recommends curl', name: 'behind sudo' },
    { text: 'FROM debian:12\nONBUILD RUN apt-get install curl', name: 'in ONBUILD' },
    { text: 'FROM debian:12\nRUN for p in curl git; do apt-get install "$p"; done', fixed: 'FROM debian:12\nRUN for p in curl git; do apt-get install -y "$p"; done', name: 'inside a for loop' },
    { text: 'FROM debian:12\nRUN apt-get install -y a && apt-get install b', count: 1, name: 'second command only' },
    { text: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]', name: 'exec form (no fix)' },
  ],
  passes: [
    { text: 'FROM debian:12\nRUN aptitude install -y curl=7.88.1-10', name: 'aptitude with -y' },
    'FROM debian:12\nRUN apt-get install -y curl',
    { text: 'FROM debian:12\nRUN apt-get install --yes curl', name: '--yes' },
    { text: 'FROM debian:12\nRUN apt-get install --assume-yes curl', name: '--assume-yes' },
    { text: 'FROM debian:12\nRUN apt-get -qqy install curl', name: 'cluster' },
    { text: 'FROM debian:12\nRUN apt-get -qq install curl', name: '-qq implies -y' },
    { text: 'FROM debian:12\nRUN apt-get -q=2 install curl', name: '-q=2 implies -y' },
    { text: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl', name: 'config option' },
    { text: 'FROM debian:12\nRUN apt-get update', name: 'not install' },
  ],
});
