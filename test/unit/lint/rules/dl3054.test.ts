import { ruleCases } from '../helpers';

const schema = { config: { 'label-schema': { 'org.opencontainers.image.licenses': 'spdx' } } };
const lic = (v: string) => `FROM ubuntu:24.04\nLABEL org.opencontainers.image.licenses=${v}`;

ruleCases('DL3054', {
  catches: [
    { text: lic('"Apache License 2.0"'), options: schema },
    { text: lic('GPL'), options: schema, name: 'bare GPL' },
    { text: lic('"MIT OR"'), options: schema, name: 'dangling operator' },
    { text: lic('"(MIT AND Apache-2.0"'), options: schema, name: 'unbalanced parenthesis' },
    { text: lic('"GPL-2.0-only WITH Nonsense-exception"'), options: schema, name: 'unknown exception' },
    { text: lic('"MIT Apache-2.0"'), options: schema, name: 'missing operator' },
  ],
  passes: [
    { text: lic('MIT'), options: schema },
    { text: lic('"Apache-2.0 OR MIT"'), options: schema },
    { text: lic('"(BSD-3-Clause AND ISC) OR GPL-3.0-or-later"'), options: schema },
    { text: lic('"GPL-2.0-only WITH Classpath-exception-2.0"'), options: schema },
    { text: lic('"LGPL-2.1-or-later AND MPL-2.0 AND CC0-1.0 AND Unlicense"'), options: schema },
    { text: lic('"LicenseRef-Acme-EULA"'), options: schema, name: 'LicenseRef' },
    { text: lic('apache-2.0'), options: schema, name: 'ids are case-insensitive' },
    { text: lic('"Some License"'), name: 'no schema' },
  ],
});
