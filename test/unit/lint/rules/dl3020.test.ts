import { ruleCases } from '../helpers';

ruleCases('DL3020', {
  catches: [
    { text: 'FROM python:3.12\nADD requirements.txt /app/', fixed: 'FROM python:3.12\nCOPY requirements.txt /app/' },
    { text: 'FROM python:3.12\nadd --chown=app:app src/ /app/src/', fixed: 'FROM python:3.12\ncopy --chown=app:app src/ /app/src/', name: 'lower case with --chown' },
    { text: 'FROM python:3.12\nADD a.py \\\n    b.py /app/', fixed: 'FROM python:3.12\nCOPY a.py \\\n    b.py /app/', name: 'continuation' },
    { text: 'FROM python:3.12\nADD ["my file.txt", "/app/"]', fixed: 'FROM python:3.12\nCOPY ["my file.txt", "/app/"]', name: 'JSON form' },
    { text: 'FROM python:3.12\nADD . /app', lines: [2] },
    { text: 'FROM python:3.12\nADD data.zip /data/', name: 'zip is not unpacked by ADD' },
  ],
  passes: [
    'FROM python:3.12\nCOPY requirements.txt /app/',
    'FROM python:3.12\nADD https://example.com/model.bin /models/',
    'FROM python:3.12\nADD vendor.tar.gz /opt/',
    'FROM python:3.12\nADD https://example.com/a.txt local.tar.xz /opt/',
    'FROM python:3.12\nADD git@github.com:org/repo.git /src',
    'FROM python:3.12\nADD $URL /opt/',
    'FROM python:3.12\nONBUILD ADD . /app',
  ],
});
