import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { created: 'rfc3339' } } };

ruleCases('DL3053', {
  catches: [
    { text: 'FROM ubuntu:24.04\nLABEL created=2024-05-01', options: schema, name: 'date only' },
    { text: 'FROM ubuntu:24.04\nLABEL created="2024-05-01 12:00:00"', options: schema, name: 'no T, no zone' },
    { text: 'FROM ubuntu:24.04\nLABEL created=2024-13-01T00:00:00Z', options: schema, name: 'month 13' },
    { text: 'FROM ubuntu:24.04\nLABEL created=2023-02-29T00:00:00Z', options: schema, name: 'not a leap year' },
    { text: 'FROM ubuntu:24.04\nLABEL created=1714557600', options: schema, name: 'epoch' },
  ],
  passes: [
    { text: 'FROM ubuntu:24.04\nLABEL created=2024-05-01T12:00:00Z', options: schema },
    { text: 'FROM ubuntu:24.04\nLABEL created=2024-02-29T23:59:60.123+05:30', options: schema, name: 'leap day, leap second, fraction, offset' },
    { text: 'FROM ubuntu:24.04\nLABEL created=2024-05-01t12:00:00z', options: schema, name: 'lowercase t and z' },
    { text: 'FROM ubuntu:24.04\nLABEL created=$BUILD_DATE', options: schema, name: 'variable' },
    { text: 'FROM ubuntu:24.04\nLABEL created=yesterday', name: 'no schema' },
  ],
});
