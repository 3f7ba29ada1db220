import { ruleCases } from '../helpers';

ruleCases('DL3060', {
  catches: [
    { text: 'FROM node:22-slim\nRUN yarn cache clean && yarn install', name: 'a cleanup before the install does not count' },
    { text: 'FROM node:22\nRUN yarn install --frozen-lockfile', fixed: 'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean' },
    { text: 'FROM node:22\nRUN yarn install \\\n    --production', fixed: 'FROM node:22\nRUN yarn install \\\n    --production && yarn cache clean', name: 'continuation' },
    { text: 'FROM node:22\nONBUILD RUN yarn install', name: 'in ONBUILD' },
    { text: 'FROM node:22\nRUN yarn install\nRUN yarn cache clean', name: 'cleaned in a later RUN' },
    { text: 'FROM node:22\nRUN --mount=type=cache,target=/root/.npm yarn install', name: 'cache mount elsewhere' },
  ],
  passes: [
    'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean',
    { text: 'FROM node:22\nRUN yarn install && yarn cache clean --all', name: '--all' },
    { text: 'FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install', name: 'cache mount' },
    { text: 'FROM node:22\nRUN yarn build', name: 'not install' },
    { text: 'FROM node:22\nRUN npm install', name: 'npm' },
  ],
});
