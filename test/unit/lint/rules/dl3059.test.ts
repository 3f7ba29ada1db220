import { ruleCases } from '../helpers';

ruleCases('DL3059', {
  catches: [
    { text: 'FROM python:3.12\nRUN pip install a==1\nRUN pip install b==2', count: 1, lines: [3] },
    { text: 'FROM python:3.12\nRUN a\nRUN b\nRUN c', count: 1, lines: [3], name: 'three in a row: once' },
    { text: 'FROM python:3.12\nRUN a\nRUN b && c\nRUN d && e && f\nRUN g\nRUN h', count: 2, lines: [3, 6], name: 'a long RUN ends the row' },
    { text: 'FROM python:3.12\nRUN a $(b && c)\nRUN d', count: 1, name: 'commands inside $(…) do not make a RUN long' },
    { text: 'FROM python:3.12\nRUN a\n# why\n\nRUN b', lines: [5], name: 'comment and blank line in between' },
    { text: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install a\nRUN --mount=type=cache,target=/root/.cache/pip pip install b', name: 'same mount' },
    { text: 'FROM python:3.12\nRUN --network=none --mount=type=tmpfs,target=/t a\nRUN --mount=type=tmpfs,target=/t --network=none b', name: 'same flags in another order' },
    { text: 'FROM python:3.12\nRUN a \\\n  && b\nRUN <<EOF\nc\nEOF', lines: [4], name: 'continuation and heredoc' },
  ],
  passes: [
    'FROM python:3.12\nRUN a\nWORKDIR /x\nRUN b',
    'FROM python:3.12\nRUN a && b',
    { text: 'FROM python:3.12\nRUN a && b && c\nRUN d', name: 'a RUN of three commands is a step of its own' },
    { text: 'FROM python:3.12\nRUN a\nRUN b && c && d', name: 'followed by a long RUN' },
    'FROM python:3.12\nRUN a\nFROM python:3.12\nRUN b',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install a\nRUN pip install b',
    'FROM python:3.12\nRUN --mount=type=secret,id=tok a\nRUN --mount=type=cache,target=/c b',
    'FROM python:3.12\nRUN a\nONBUILD RUN b',
    'FROM python:3.12\nRUN a\nENV X=1\nRUN b',
  ],
});
