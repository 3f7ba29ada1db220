// yum / dnf / microdnf / zypper rules: DL3030 DL3032 DL3033 (yum), DL3038 DL3040 DL3041 (dnf),
// DL3034 DL3035 DL3036 DL3037 (zypper).
import { commandsNamed } from '../../facts';
import { defineRule } from '../../rule';
import { hasAnyFlag, positionalAt, type Command } from '../../shell';
import { cleanupRule, insertAfterFix, listNames, mountsOver, pinRule, removesDir, switchRule, toolSubcommand } from './common';

const YUM = ['yum'];
const DNF = ['dnf', 'dnf5', 'dnf-3', 'microdnf'];
const ZYPPER = ['zypper'];
const RPM_INSTALL = ['install', 'groupinstall', 'localinstall'];
/** dnf's installing commands and their short aliases. */
const DNF_INSTALL = ['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'upgrade', 'up', 'update', 'upgrade-minimal',
  'update-minimal', 'up-min', 'downgrade', 'dg', 'distro-sync', 'dsync', 'swap'];
const DNF_PIN = ['install', 'in', 'groupinstall', 'localinstall'];
const YUM_OPTS_WITH_VALUE = ['-c', '--config', '--installroot', '--releasever', '-x', '--exclude', '--setopt', '--enablerepo',
  '--disablerepo', '--repo', '--repoid', '-d', '--debuglevel', '-e', '--errorlevel', '--downloaddir', '--destdir', '--forcearch', '--nodocs-x'];
const YES_FLAGS = ['-y', '--assumeyes'];
const ZYPPER_YES_FLAGS = ['-n', '-y', '--non-interactive', '--no-confirm'];
const ZYPPER_SUBS = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];
const ZYPPER_DUP = ['dist-upgrade', 'dup'];
const ZYPPER_INSTALL = ['install', 'in'];
const ZYPPER_CLEAN = ['clean', 'cc'];
const CLEAN = ['clean'];
const YUM_CACHE = ['/var/cache/yum'];
const DNF_CACHES = ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'];
const DNF_CACHE_MOUNTS = ['/var/cache/dnf', '/var/cache/libdnf5'];
const ZYPPER_CACHE = ['/var/cache/zypp'];
const ZYPPER_OPTS_WITH_VALUE = ['-r', '--repo', '-t', '--type', '--from', '-R', '--root', '--installroot', '-c', '--config',
  '--reposd-dir', '-D', '--cache-dir', '-C', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--download'];

/** rpm name-version: a hyphen followed by a digit or a variable (`httpd-2.4.57`, `pkg-${VER}`), or an `.rpm` file. */
const rpmPinned = (p: string) => /-(\d|\$)/.test(p) || p.endsWith('.rpm');

function yesFix(run: Parameters<typeof insertAfterFix>[0], sub: Parameters<typeof insertAfterFix>[1]) {
  return insertAfterFix(run, sub, ' -y', 'Add -y');
}

export const DL3030 = switchRule({
  code: 'DL3030',
  level: 'warning',
  title: 'Use the -y switch with yum install.',
  description:
    'yum asks for confirmation before installing, and a build cannot answer, so the RUN fails. Pass `-y` ' +
    '(`--assumeyes`) to every `yum install`.',
  example: {
    bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
  },
  tools: YUM,
  subs: RPM_INSTALL,
  optsWithValue: YUM_OPTS_WITH_VALUE,
  satisfied: (cmd) => hasAnyFlag(cmd, YES_FLAGS, 'y'),
  message: (cmd, sub) => `"yum ${sub.text}" without -y waits for a confirmation that never comes: add -y.`,
  fix: (run, _cmd, sub) => yesFix(run, sub),
});

export const DL3038 = switchRule({
  code: 'DL3038',
  level: 'warning',
  title: 'Use the -y switch with dnf install.',
  description:
    'dnf asks for confirmation before installing, and a build cannot answer, so the RUN fails. Pass `-y` ' +
    '(`--assumeyes`) to every `dnf install` (microdnf accepts it too).',
  example: {
    bad: 'FROM fedora:40\nRUN dnf install git-2.45.2 && dnf clean all',
    good: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all',
  },
  tools: DNF,
  subs: DNF_INSTALL,
  optsWithValue: YUM_OPTS_WITH_VALUE,
  satisfied: (cmd) => hasAnyFlag(cmd, YES_FLAGS, 'y'),
  message: (cmd, sub) => `"${cmd.base} ${sub.text}" without -y waits for a confirmation that never comes: add -y.`,
  fix: (run, _cmd, sub) => yesFix(run, sub),
});

export const DL3034 = switchRule({
  code: 'DL3034',
  level: 'warning',
  title: 'Use a non-interactive switch with zypper.',
  description:
    'zypper prompts before changing packages, and a build cannot answer. Pass `-y` (`--no-confirm`) to the ' +
    'command, or the global `-n` / `--non-interactive` before it.',
  example: {
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean',
  },
  tools: ZYPPER,
  subs: ZYPPER_SUBS,
  optsWithValue: ZYPPER_OPTS_WITH_VALUE,
  satisfied: (cmd) => hasAnyFlag(cmd, ZYPPER_YES_FLAGS, 'ny'),
  message: (_cmd, sub) => `"zypper ${sub.text}" without -y or -n stops at a prompt during the build.`,
  fix: (run, _cmd, sub) => yesFix(run, sub),
});

export const DL3035 = defineRule({
  code: 'DL3035',
  level: 'warning',
  title: 'Do not use zypper dist-upgrade.',
  description:
    '`zypper dist-upgrade` (`dup`) moves the whole system to whatever the repositories offer today, which can change ' +
    'the distribution release under your image and makes builds unrepeatable. Start from a newer base image instead, ' +
    'or update the specific packages you need.',
  example: {
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install -y curl=8.6.0 && zypper clean',
  },
  check(ctx) {
    for (const { run, cmd } of commandsNamed(ctx, ZYPPER)) {
      const sub = toolSubcommand(cmd, ZYPPER, ZYPPER_DUP, ZYPPER_OPTS_WITH_VALUE);
      if (sub) ctx.report(run.range(cmd.nameWord!.start, sub.end), `"zypper ${sub.text}" upgrades the whole distribution at build time: use a newer base image instead.`);
    }
  },
});

const isYumInstall = (c: Command) => toolSubcommand(c, YUM, RPM_INSTALL, YUM_OPTS_WITH_VALUE) !== null;
const isDnfInstall = (c: Command) => toolSubcommand(c, DNF, DNF_INSTALL, YUM_OPTS_WITH_VALUE) !== null;
const isCleanAll = (tools: readonly string[]) => (c: Command) =>
  toolSubcommand(c, tools, CLEAN, YUM_OPTS_WITH_VALUE) !== null && c.args.some((a) => a.text === 'all');
const isYumCleanAll = isCleanAll(YUM);
const isDnfCleanAll = isCleanAll(DNF);

export const DL3032 = cleanupRule({
  code: 'DL3032',
  level: 'warning',
  title: 'yum clean all missing after yum install.',
  description:
    'yum keeps downloaded packages and repository metadata in `/var/cache/yum`. Unless the same RUN ends with ' +
    '`yum clean all` (or removes that directory, or mounts a cache there), they are saved in the layer.',
  example: {
    bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
  },
  tools: YUM,
  installs: isYumInstall,
  ordered: true,
  cleans: (cmds, run) => cmds.some(isYumCleanAll) || removesDir(cmds, YUM_CACHE) || mountsOver(run, YUM_CACHE),
  message: () => 'yum leaves its package cache in this layer: end the RUN with "yum clean all".',
  fixCommand: () => 'yum clean all',
});

export const DL3040 = cleanupRule({
  code: 'DL3040',
  level: 'warning',
  title: 'dnf clean all missing after dnf install.',
  description:
    'dnf (and microdnf) keep downloaded packages and repository metadata in `/var/cache/dnf`. Unless the same RUN ends ' +
    'with `dnf clean all` / `microdnf clean all` (or removes that directory, or mounts a cache there), they are saved in the layer.',
  example: {
    bad: 'FROM fedora:40\nRUN dnf install -y git-2.45.2',
    good: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all',
  },
  tools: DNF,
  installs: isDnfInstall,
  ordered: true,
  cleans: (cmds, run) =>
    cmds.some(isDnfCleanAll) || removesDir(cmds, DNF_CACHES) || mountsOver(run, DNF_CACHE_MOUNTS),
  message: (cmd) => `${cmd.base} leaves its package cache in this layer: end the RUN with "${cmd.base} clean all".`,
  fixCommand: (cmd) => `${cmd.base} clean all`,
});

export const DL3036 = cleanupRule({
  code: 'DL3036',
  level: 'warning',
  title: 'zypper clean missing after zypper install.',
  description:
    'zypper keeps downloaded packages and metadata in `/var/cache/zypp`. End the RUN that installs with `zypper clean` ' +
    '(`zypper cc`) so they are not saved in the layer, or mount a cache there.',
  example: {
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean',
  },
  tools: ZYPPER,
  installs: (c) => toolSubcommand(c, ZYPPER, ZYPPER_INSTALL, ZYPPER_OPTS_WITH_VALUE) !== null,
  ordered: true,
  cleans: (cmds, run) =>
    cmds.some((c) => toolSubcommand(c, ZYPPER, ZYPPER_CLEAN, ZYPPER_OPTS_WITH_VALUE) !== null) ||
    removesDir(cmds, ZYPPER_CACHE) || mountsOver(run, ZYPPER_CACHE),
  message: () => 'zypper leaves its package cache in this layer: end the RUN with "zypper clean".',
  fixCommand: () => 'zypper clean',
});

/** Shared by DL3033 and DL3041: `install` packages need `-version`; `module install` modules need `:stream`. */
const RPM_PIN = {
  subs: [...RPM_INSTALL, 'module'],
  optsWithValue: YUM_OPTS_WITH_VALUE,
  // only the install subcommand of `module` installs
  allPinned: (cmd: Command) => {
    return positionalAt(cmd, YUM_OPTS_WITH_VALUE)?.text === 'module' && positionalAt(cmd, YUM_OPTS_WITH_VALUE, 1)?.text !== 'install';
  },
  isPinned: (p: string) => rpmPinned(p) || p.includes(':') || p === 'install',
  message: (names: string[], cmd: Command) =>
    positionalAt(cmd, YUM_OPTS_WITH_VALUE)?.text === 'module'
      ? `No stream given for module ${listNames(names)}: write \`module:stream\`.`
      : `No version given for ${listNames(names)}: write \`package-version\`.`,
};

export const DL3033 = pinRule({
  code: 'DL3033',
  level: 'warning',
  title: 'Specify version with yum install -y <package>-<version>.',
  description:
    'Without a version, `yum install pkg` takes the newest build in the repositories at build time. Name the version ' +
    '(`pkg-1.2.3`, optionally with the release) or install a specific `.rpm` file so rebuilds install the same software.',
  example: {
    bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
  },
  tools: YUM,
  ...RPM_PIN,
});

export const DL3041 = pinRule({
  code: 'DL3041',
  level: 'warning',
  title: 'Specify version with dnf install -y <package>-<version>.',
  description:
    'Without a version, `dnf install pkg` takes the newest build in the repositories at build time. Name the version ' +
    '(`pkg-1.2.3`), a module stream (`dnf module install nodejs:20`) or a specific `.rpm` file.',
  example: {
    bad: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all',
    good: 'FROM fedora:40\nRUN dnf install -y git-2.45.2 && dnf clean all',
  },
  tools: DNF,
  ...RPM_PIN,
  subs: [...DNF_PIN, 'module'],
});

export const DL3037 = pinRule({
  code: 'DL3037',
  level: 'warning',
  title: 'Specify version with zypper install -y <package>=<version>.',
  description:
    'Without a version, `zypper install pkg` takes the newest build in the repositories at build time. Write ' +
    '`pkg=1.2.3` (or a bound such as `pkg>=1.2`) or install a specific `.rpm` file.',
  example: {
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean',
  },
  tools: ZYPPER,
  subs: ['install', 'in'],
  optsWithValue: ZYPPER_OPTS_WITH_VALUE,
  isPinned: (p) => /[=<>]/.test(p) || p.endsWith('.rpm'),
  message: (names) => `No version given for ${listNames(names)}: write \`package=version\`.`,
});
