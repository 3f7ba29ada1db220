import { ruleCases } from '../helpers';

ruleCases('DL3023', {
  catches: [
    { text: 'FROM python:3.12 AS app\nCOPY --from=app /x /y', lines: [2] },
    { text: 'FROM python:3.12 AS App\nCOPY --from=app /x /y', name: 'case-insensitive' },
    { text: 'FROM python:3.12 AS a\nFROM python:3.12 AS b\nCOPY --from=a /x /x\nCOPY --from=b /y /y', count: 1, lines: [4] },
    { text: 'FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=1 /x /x', name: 'own numeric index' },
    { text: 'FROM python:3.12 AS app\nCOPY --chown=1000 \\\n  --from=app /x /y', name: 'continued flags' },
  ],
  passes: [
    'FROM python:3.12 AS build\nFROM python:3.12 AS app\nCOPY --from=build /x /y',
    'FROM python:3.12 AS app\nCOPY /x /y',
    'FROM python:3.12 AS app\nCOPY --from=app:1.0 /x /y',
    'FROM python:3.12\nFROM python:3.12\nCOPY --from=0 /x /x',
    'FROM python:3.12 AS app\nRUN cp /x /y',
  ],
});
