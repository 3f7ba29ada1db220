// Language package managers: DL3016 (npm pin), DL3028 (gem pin), DL3060 (yarn cache clean), DL3062 (go install pin).
import { hasAnyFlag, type Command } from '../../shell';
import { cleanupRule, listNames, mountsOver, pinRule, toolSubcommand } from './common';

/** npm accepts these spellings (and typos) for install. */
const NPM_INSTALL = ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add'];
const NPM = ['npm'];
const GEM = ['gem'];
const GEM_INSTALL = ['install', 'i'];
const GEM_VERSION_FLAGS = ['-v', '--version'];
const GO = ['go'];
const GO_INSTALL = ['install', 'get', 'run'];
const NPM_OPTS_WITH_VALUE = ['--prefix', '--registry', '--cache', '--tag', '-w', '--workspace', '--omit', '--include',
  '--install-strategy', '--loglevel', '--userconfig', '--globalconfig', '--only', '--also', '--before', '--location'];

/** npm's idea of a fixed version: `name@range` (scope aside), a git URL with `#ref`, a tarball or a folder. */
function npmPinned(p: string): boolean {
  if (/^(\.{1,2}\/|\/|~\/|file:)/.test(p) || p === '.' || p === '..') return true;
  if (/\.(tar|tar\.gz|tgz)$/.test(p) || /^https?:\/\//.test(p)) return true;
  if (/^(git|git\+ssh|git\+https?|github|gitlab|bitbucket):/.test(p) || /^[\w-][\w.-]*\/[\w.-]+(#.*)?$/.test(p)) return p.includes('#');
  const unscoped = p.startsWith('@') ? p.slice(p.indexOf('/') + 1) : p;
  return unscoped.includes('@');
}

export const DL3016 = pinRule({
  code: 'DL3016',
  level: 'warning',
  title: 'Pin versions in npm.',
  description:
    '`npm install pkg` takes the newest release matching nothing in particular, so the image changes whenever the ' +
    'package does. Write `pkg@1.2.3` (`@scope/pkg@1.2.3` for scoped packages), give git URLs a `#ref`, or install from ' +
    'the lock file with `npm ci` / a bare `npm install`. Tarballs and local folders count as pinned.',
  example: {
    bad: 'FROM node:22-slim\nRUN npm install -g typescript',
    good: 'FROM node:22-slim\nRUN npm install -g typescript@5.6.3',
  },
  tools: NPM,
  subs: NPM_INSTALL,
  optsWithValue: NPM_OPTS_WITH_VALUE,
  isPinned: npmPinned,
  message: (names) => `No version given for ${listNames(names)}: write \`package@version\` (or install from the lock file with npm ci).`,
});

const GEM_OPTS_WITH_VALUE = ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy',
  '-g', '--file', '--platform', '--document'];

export const DL3028 = pinRule({
  code: 'DL3028',
  level: 'warning',
  title: 'Pin versions in gem install.',
  description:
    '`gem install name` installs the newest release at build time. Write `gem install name:1.2.3`, or pass ' +
    '`-v 1.2.3` (`--version`), so rebuilds install the same gem.',
  example: {
    bad: 'FROM ruby:3.3-slim\nRUN gem install bundler',
    good: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22',
  },
  tools: GEM,
  subs: GEM_INSTALL,
  optsWithValue: GEM_OPTS_WITH_VALUE,
  allPinned: (cmd) => hasAnyFlag(cmd, GEM_VERSION_FLAGS, 'v'),
  stopAtDashDash: true,
  isPinned: (p) => p.includes(':') || p.endsWith('.gem') || p.startsWith('-'),
  message: (names) => `No version given for ${listNames(names)}: write \`gem:version\` or add -v <version>.`,
});

const YARN = ['yarn', 'yarnpkg'];
const YARN_OPTS_WITH_VALUE = ['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex'];
const YARN_INSTALL = ['install'];
const YARN_CACHE = ['cache'];
const YARN_CACHE_DIRS = ['/usr/local/share/.cache/yarn', '/root/.cache/yarn'];
const isYarn = (c: Command, subs: readonly string[]) => toolSubcommand(c, YARN, subs, YARN_OPTS_WITH_VALUE);

export const DL3060 = cleanupRule({
  code: 'DL3060',
  level: 'info',
  title: 'yarn cache clean missing after yarn install.',
  description:
    '`yarn install` stores every package tarball in its global cache as well as in `node_modules`, which roughly doubles ' +
    'the space the dependencies take in the layer. End the RUN with `yarn cache clean`, or keep the cache out of the ' +
    'image with a `--mount=type=cache` on yarn\'s cache folder.',
  example: {
    bad: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile',
    good: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean',
  },
  tools: YARN,
  installs: (c) => isYarn(c, YARN_INSTALL) !== null,
  ordered: true,
  cleans: (cmds, run) =>
    cmds.some((c) => isYarn(c, YARN_CACHE) !== null && c.args.some((a) => a.text === 'clean')) ||
    run.mounts.some((m) => (m.get('type') === 'cache' || m.get('type') === 'tmpfs') && /yarn/i.test(m.get('target') ?? '')) ||
    mountsOver(run, YARN_CACHE_DIRS),
  message: () => 'The yarn cache stays in this layer: end the RUN with "yarn cache clean".',
  fixCommand: () => 'yarn cache clean',
});

const GO_OPTS_WITH_VALUE = ['-ldflags', '-gcflags', '-asmflags', '-tags', '-o', '-mod', '-modfile', '-p', '-buildmode',
  '-compiler', '-pkgdir', '-toolexec', '-installsuffix', '-overlay', '-pgo', '-gccgoflags', '-buildvcs', '-C'];

/** `go install|get|run pkg@version`: a version other than `latest`; local packages and `.go` files are built from the context. */
const goPinned = (p: string) => {
  if (/^(\.{1,2}(\/|$)|\/)/.test(p) || p.endsWith('.go')) return true;
  const at = p.lastIndexOf('@');
  return at > 0 && at < p.length - 1 && p.slice(at + 1) !== 'latest';
};

export const DL3062 = pinRule({
  code: 'DL3062',
  level: 'warning',
  title: 'Pin versions in go install.',
  description:
    '`go install example.com/cmd/tool` without a version, or with `@latest`, builds whatever the module proxy ' +
    'resolves at build time; so do `go get` and `go run` (also with `-tool`). Write ' +
    '`go install example.com/cmd/tool@v1.2.3` so rebuilds compile the same code. Local packages (`./...`) and `.go` ' +
    'files are built from the context and are not affected.',
  example: {
    bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest',
    good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2',
  },
  tools: GO,
  subs: GO_INSTALL,
  optsWithValue: GO_OPTS_WITH_VALUE,
  isPinned: goPinned,
  firstOnly: (sub) => sub.text === 'run',
  message: (names) => `No version given for ${listNames(names)} (\`@latest\` is none): write \`path@version\`.`,
});
