import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { title: 'text', 'org.opencontainers.image.source': 'url' } } };

ruleCases('DL3051', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL title=""', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL title=', options: schema, name: 'nothing after =' },
    { text: "FROM ubuntu:24.04\nLABEL org.opencontainers.image.source='  '", options: schema, name: 'blank url' },
    { text: 'FROM ubuntu:24.04\nLABEL a=1 \\\n  title=""', options: schema, lines: [3], name: 'continuation' },
    { text: 'FROM ubuntu:24.04 AS b\nLABEL title=""\nFROM ubuntu:24.04', options: schema, name: 'any stage' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL title="trainer"', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL other=""', options: schema, name: 'not in the schema' },
    { text: 'FROM ubuntu:24.04\nLABEL title=""', name: 'no schema' },
    { text: 'FROM ubuntu:24.04\nLABEL title=$TITLE', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL title "legacy form"', options: schema },
  ],
});
