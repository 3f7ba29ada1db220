import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { maintainer: 'email' } } };

ruleCases('DL3058', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL maintainer="ML team"', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer="Jane <jane@example.com>"', options: schema, name: 'display name' },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=jane@', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=jane..doe@example.com', options: schema, name: 'double dot' },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=jane@-example.com', options: schema, name: 'bad domain' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=jane@example.com', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=first.last+ml@sub.example.co.uk', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=root@localhost', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer=$MAINTAINER', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL maintainer="ML team"', name: 'no schema' },
  ],
});
