import { ruleCases } from '../helpers';

ruleCases('DL3016', {
  catches: [
    { text: 'FROM node:22\nRUN npm install express', name: 'unpinned' },
    { text: 'FROM node:22\nRUN npm i -g typescript@5.6.3 ts-node', count: 1, name: 'alias i, one unpinned' },
    { text: 'FROM node:22\nRUN npm install @angular/cli', name: 'scoped without version' },
    { text: 'FROM node:22\nRUN npm install git+https://github.com/org/pkg.git', name: 'git URL without #ref' },
    { text: 'FROM node:22\nRUN npm install org/repo', name: 'GitHub shorthand without #ref' },
    { text: 'FROM node:22\nONBUILD RUN npm install -g pm2', name: 'in ONBUILD' },
    { text: 'FROM node:22\nRUN npm install --registry https://registry.example.com \\\n    lodash', lines: [3], name: 'registry value skipped, continuation' },
  ],
  passes: [
    'FROM node:22\nRUN npm install express@4.21.1',
    { text: 'FROM node:22\nRUN npm install', name: 'from package.json' },
    { text: 'FROM node:22\nRUN npm ci --omit=dev', name: 'npm ci' },
    { text: 'FROM node:22\nRUN npm install --production', name: 'flags only' },
    { text: 'FROM node:22\nRUN npm install -g @angular/cli@18.2.0 "express@>=4.1"', name: 'scoped with version, range' },
    { text: 'FROM node:22\nRUN npm install git+https://github.com/org/pkg.git#v1.0.0 org/repo#main', name: 'git refs' },
    { text: 'FROM node:22\nRUN npm install ./pkg-1.0.0.tgz ../shared /opt/lib', name: 'tarball and folders' },
    { text: 'FROM node:22\nRUN npm run build', name: 'not install' },
  ],
});
