import { ruleCases } from '../helpers';

ruleCases('DL3021', {
  catches: [
    { text: 'FROM python:3.12\nCOPY a.py b.py /app', fixed: 'FROM python:3.12\nCOPY a.py b.py /app/' },
    { text: 'FROM python:3.12\nCOPY a.py b.py "/my app"', fixed: 'FROM python:3.12\nCOPY a.py b.py "/my app/"', name: 'quoted destination' },
    { text: 'FROM python:3.12\nCOPY --chown=app a.py \\\n  b.py c.py /app', fixed: 'FROM python:3.12\nCOPY --chown=app a.py \\\n  b.py c.py /app/', name: 'flags and continuation' },
    { text: 'FROM python:3.12\nCOPY ["a.py", "b.py", "/app"]', name: 'JSON form' },
    { text: 'FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b /x /y /z', lines: [3], name: 'COPY --from' },
  ],
  passes: [
    { text: 'FROM python:3.12\nWORKDIR /app\nCOPY a.py b.py .', name: '. is a directory' },
    { text: 'FROM python:3.12\nWORKDIR /app/x\nCOPY a.py b.py ..', name: '.. is a directory' },
    'FROM python:3.12\nCOPY a.py b.py /app/',
    'FROM python:3.12\nCOPY a.py /app',
    'FROM python:3.12\nCOPY ["a.py", "b.py", "/app/"]',
    'FROM python:3.12\nADD a.py b.py /app',
    'FROM python:3.12\nCOPY a.py b.py "/my app/"',
  ],
});
