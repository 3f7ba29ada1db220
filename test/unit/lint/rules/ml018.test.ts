import { ruleCases } from '../helpers';

ruleCases('ML018', {
  catches: [
    { text: 'FROM ubuntu:24.04\nrun echo hi', lines: [2], fixed: 'FROM ubuntu:24.04\nRUN echo hi' },
    { text: 'from ubuntu:24.04\nrun echo hi', count: 2, name: 'an all-lower-case file' },
    { text: 'FROM ubuntu:24.04\nCopy a /a', fixed: 'FROM ubuntu:24.04\nCOPY a /a' },
    { text: 'FROM ubuntu:24.04 as build\nRUN make', fixed: 'FROM ubuntu:24.04 AS build\nRUN make' },
    { text: 'FROM ubuntu:24.04\nONBUILD run make', name: 'ONBUILD trigger', fixed: 'FROM ubuntu:24.04\nONBUILD RUN make' },
    { text: 'FROM ubuntu:24.04\nrun apt-get update \\\n && echo done', lines: [2], name: 'continued instruction' },
  ],
  passes: [
    'FROM ubuntu:24.04 AS build\nRUN make\nCOPY --from=build /a /a',
    'FROM ubuntu:24.04\nRUN echo run from as',
    'FROM ubuntu:24.04\n# run this\nRUN true',
    'ARG V=1\nFROM ubuntu:24.04\nHEALTHCHECK NONE',
    'FROM ubuntu:24.04\nBOGUS x',
    { text: 'FROM ubuntu:24.04\nbogus x', name: 'unknown instructions are DL1000\'s' },
  ],
});
