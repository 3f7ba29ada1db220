import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { rev: 'hash' } } };

ruleCases('DL3055', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL rev=main', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL rev=abc12', options: schema, name: 'too short' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=0123456789abcdef0123456789abcdef012345678', options: schema, name: '41 digits' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=g123456', options: schema, name: 'not hex' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=v1.2.3', options: schema, name: 'a tag' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL rev=3f2c9a1', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL rev=0123456789abcdef0123456789abcdef01234567', options: schema, name: '40 digits' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=ABCDEF1', options: schema, name: 'upper case' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=${GIT_SHA}', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL rev=main', name: 'no schema' },
  ],
});
