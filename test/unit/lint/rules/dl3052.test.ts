import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { src: 'url', docs: 'url', title: 'text' } } };

ruleCases('DL3052', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL src=github.com/a/b', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL src="https://exa mple.com"', options: schema, name: 'space' },
    { text: 'FROM ubuntu:24.04\nLABEL src=https:/example.com', options: schema, name: 'one slash' },
    { text: 'FROM ubuntu:24.04\nLABEL src=https://x.io docs=nope', options: schema, count: 1, name: 'second label' },
    { text: 'FROM ubuntu:24.04\nLABEL src http://', options: schema, name: 'legacy, no host' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL src=https://github.com/acme/trainer', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL src="http://localhost:8080/x?y=1#z" docs=mailto:a@b.c', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL src=${REPO_URL}', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL title=not-a-url', options: schema, name: 'text type' },
    { text: 'FROM ubuntu:24.04\nLABEL src=nope', name: 'no schema' },
    { text: 'FROM ubuntu:24.04\nLABEL src=""', options: schema, name: 'empty is DL3051' },
  ],
});
