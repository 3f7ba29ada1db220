import { ruleCases } from '../helpers';

ruleCases('DL4003', {
  catches: [
    { text: 'FROM python:3.12\nCMD ["a"]\nCMD ["b"]', count: 1, lines: [3] },
    { text: 'FROM python:3.12\nCMD a\nRUN true\nCMD b\nCMD c', count: 2, lines: [4, 5] },
    { text: 'FROM a:1 AS a\nCMD ["x"]\nFROM b:1\nCMD ["y"]\ncmd ["z"]', count: 1, lines: [5], name: 'counted per stage' },
    { text: 'FROM python:3.12\nCMD ["python", \\\n  "a.py"]\nCMD ["b"]', lines: [4], name: 'after a continued CMD' },
  ],
  passes: [
    'FROM python:3.12\nCMD ["a"]',
    'FROM a:1 AS a\nCMD ["x"]\nFROM b:1\nCMD ["y"]',
    'FROM python:3.12\nENTRYPOINT ["a"]\nCMD ["b"]',
    'FROM python:3.12\nONBUILD CMD ["a"]\nCMD ["b"]',
    'FROM python:3.12\nRUN echo CMD\nCMD ["b"]',
  ],
});
