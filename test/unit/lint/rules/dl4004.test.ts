import { ruleCases } from '../helpers';

ruleCases('DL4004', {
  catches: [
    { text: 'FROM python:3.12\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]', count: 1, lines: [3] },
    { text: 'FROM python:3.12\nENTRYPOINT a\nCMD x\nENTRYPOINT b\nENTRYPOINT c', count: 2, lines: [4, 5] },
    { text: 'FROM a:1 AS a\nENTRYPOINT ["x"]\nFROM b:1\nENTRYPOINT ["y"]\nentrypoint ["z"]', count: 1, lines: [5], name: 'counted per stage' },
    { text: 'FROM python:3.12\nENTRYPOINT ["python", \\\n  "a.py"]\nENTRYPOINT ["b"]', lines: [4], name: 'after a continued ENTRYPOINT' },
  ],
  passes: [
    'FROM python:3.12\nENTRYPOINT ["a"]',
    'FROM a:1 AS a\nENTRYPOINT ["x"]\nFROM b:1\nENTRYPOINT ["y"]',
    'FROM python:3.12\nENTRYPOINT ["a"]\nCMD ["b"]\nCMD ["c"]',
    'FROM python:3.12\nONBUILD ENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
  ],
});
