import { ruleCases } from '../helpers';

ruleCases('DL4000', {
  catches: [
    { text: 'FROM python:3.12\nMAINTAINER Ada Lovelace <ada@example.com>', fixed: 'FROM python:3.12\nLABEL org.opencontainers.image.authors="Ada Lovelace <ada@example.com>"' },
    { text: 'FROM python:3.12\nMAINTAINER "Ada Lovelace"', fixed: 'FROM python:3.12\nLABEL org.opencontainers.image.authors="Ada Lovelace"', name: 'quoted value' },
    { text: 'FROM python:3.12\nMAINTAINER Ada \\\n   Lovelace\nRUN true', fixed: 'FROM python:3.12\nLABEL org.opencontainers.image.authors="Ada Lovelace"\nRUN true', name: 'continuation' },
    { text: 'FROM python:3.12\nmaintainer Team "ML" $5', fixed: 'FROM python:3.12\nlabel org.opencontainers.image.authors="Team \\"ML\\" \\$5"', name: 'lower case, quotes and dollar escaped' },
    { text: '# escape=`\nFROM python:3.12\nMAINTAINER Ada "L"', fixed: '# escape=`\nFROM python:3.12\nLABEL org.opencontainers.image.authors="Ada `"L`""', name: 'backtick escape' },
    { text: 'FROM a:1 AS a\nMAINTAINER x\nFROM b:1\nMAINTAINER y', count: 2, lines: [2, 4] },
  ],
  passes: [
    'FROM python:3.12\nLABEL org.opencontainers.image.authors="Ada"',
    'FROM python:3.12\nRUN echo MAINTAINER',
    'FROM python:3.12\n# MAINTAINER Ada',
    'FROM python:3.12\nLABEL maintainer="Ada"',
  ],
});
