import { ruleCases } from '../helpers';

ruleCases('DL3012', {
  catches: [
    { text: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD true', count: 1, lines: [3] },
    { text: 'FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD true', name: 'NONE then CMD' },
    { text: 'FROM nginx:1.27\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\nHEALTHCHECK CMD c', count: 2, lines: [3, 4] },
    { text: 'FROM a:1 AS a\nHEALTHCHECK CMD a\nFROM b:1\nHEALTHCHECK CMD b\nhealthcheck --interval=5s \\\n  CMD c', count: 1, lines: [5], name: 'second stage, lower case, continuation' },
  ],
  passes: [
    'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/',
    'FROM a:1 AS a\nHEALTHCHECK CMD a\nFROM b:1\nHEALTHCHECK CMD b',
    'FROM nginx:1.27',
    'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD a\nHEALTHCHECK CMD b',
    'FROM nginx:1.27\n# HEALTHCHECK CMD a\nHEALTHCHECK CMD b',
  ],
});
