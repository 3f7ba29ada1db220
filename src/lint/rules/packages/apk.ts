// apk rules: DL3018 (pin versions) and DL3019 (--no-cache).
import { hasAnyFlag } from '../../shell';
import { insertAfterFix, listNames, mountsOver, pinRule, replaceWordFix, switchRule } from './common';

const APK = ['apk'];
const APK_ADD = ['add'];
const NO_CACHE_FLAG = ['--no-cache'];
const APK_CACHE_DIRS = ['/var/cache/apk', '/etc/apk/cache'];
const APK_OPTS_WITH_VALUE = ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age', '--timeout'];

export const DL3018 = pinRule({
  code: 'DL3018',
  level: 'warning',
  title: 'Pin versions in apk add.',
  description:
    'An unpinned `apk add pkg` installs whatever version the Alpine mirror has on the day of the build. Pin it with ' +
    '`pkg=<version>` (exact), `pkg~<version>` (that release series) or a bound such as `pkg>=<version>` so rebuilds ' +
    'are reproducible; a local `.apk` file also counts as pinned.',
  example: {
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2',
  },
  tools: APK,
  subs: APK_ADD,
  optsWithValue: APK_OPTS_WITH_VALUE,
  // apk's version constraints: `=`, `~` (fuzzy), `<`, `>` (and `<=`, `>=`, `><`)
  isPinned: (p) => p.includes('=') || p.includes('~') || p.includes('<') || p.includes('>') || p.endsWith('.apk'),
  message: (names) => `No version pinned for ${listNames(names)}: write \`package=version\` (or \`package~version\`).`,
});

export const DL3019 = switchRule({
  code: 'DL3019',
  level: 'info',
  title: 'Use the --no-cache switch with apk add.',
  description:
    '`apk add --no-cache` fetches a fresh index and keeps neither it nor the downloaded packages in the layer, which ' +
    'replaces the `apk update` / `--update` plus `rm -rf /var/cache/apk/*` dance. A cache mount on `/var/cache/apk` is ' +
    'also accepted.',
  example: {
    bad: 'FROM alpine:3.20\nRUN apk add --update git=2.45.2-r0',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0',
  },
  tools: APK,
  subs: APK_ADD,
  optsWithValue: APK_OPTS_WITH_VALUE,
  satisfied: (cmd, run) => hasAnyFlag(cmd, NO_CACHE_FLAG) || mountsOver(run, APK_CACHE_DIRS),
  message: () => '"apk add" leaves its index and package cache in the layer: use --no-cache.',
  fix: (run, cmd, sub) => {
    const update = cmd.args.find((a) => a.text === '--update' || a.text === '-U');
    return update
      ? replaceWordFix(run, update, '--no-cache', `Replace ${update.text} with --no-cache`)
      : insertAfterFix(run, sub, ' --no-cache', 'Add --no-cache');
  },
});
