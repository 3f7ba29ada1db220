import { ruleCases } from '../helpers';

ruleCases('DL3043', {
  catches: [
    { text: 'FROM python:3.12\nONBUILD FROM python:3.11', lines: [2] },
    { text: 'FROM python:3.12\nONBUILD ONBUILD RUN true', name: 'chained ONBUILD' },
    { text: 'FROM python:3.12\nONBUILD MAINTAINER someone', name: 'MAINTAINER' },
    { text: 'FROM python:3.12\nonbuild from python:3.11', name: 'lower case' },
    { text: 'FROM python:3.12\nONBUILD \\\n  FROM alpine:3.20', name: 'continued' },
  ],
  passes: [
    'FROM python:3.12\nONBUILD RUN pip install --no-cache-dir -r requirements.txt',
    'FROM python:3.12\nONBUILD COPY . /app',
    'FROM python:3.12\nFROM python:3.11',
    'FROM python:3.12\nONBUILD RUN echo FROM',
  ],
});
