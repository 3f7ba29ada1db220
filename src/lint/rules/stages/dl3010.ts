import { addToList } from '../../arrays';
import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import type { Instruction } from '../../parser';
import { commandsNamed, type CommandAt } from '../../facts';
import { baseName, commandsOf, type Command } from '../../shell';
import { copyArgs, flagValue, isRemote, isTarArchive, pathRange, type PathArg } from './util';

interface Copied {
  instr: Instruction;
  src: PathArg;
  /** Names the archive can be referred to by afterwards: its file name and its path in the image. */
  names: Set<string>;
}

const TAR_NAMES = ['tar', 'bsdtar', 'gtar'] as const;
const OLD_STYLE_RE = /^[A-Za-z]+$/;
const EXTRACT_FLAG_RE = /^-[A-Za-z]*x[A-Za-z]*$/;
const GLOB_RE = /[*?[]/;
const FILE_FLAG_RE = /^(--file=|-[A-Za-z]*f)/;

/**
 * A tar extension (see isTarArchive) where a source word can end: before a blank, a closing quote or
 * the end of the text. Case-insensitive like isTarArchive (no non-ASCII character lower-cases to these letters).
 */
const TAR_END_RE = /\.(?:tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|tar\.(?:gz|bz2|xz|zst|lz|lzma|z))(?=[ \t\n\r"']|$)/i;

/** True when a source can name a tar archive; false (most COPYs) saves reading the arguments. */
function mayCopyTar(instr: Instruction): boolean {
  if (instr.json) return instr.json.some((a) => TAR_END_RE.test(a));
  return TAR_END_RE.test(instr.rest);
}

/** True for `tar` invocations that extract: `tar -xzf`, `tar xf`, `tar --extract`. */
function isTarExtract(cmd: Command): boolean {
  if (cmd.base !== 'tar' && cmd.base !== 'bsdtar' && cmd.base !== 'gtar') return false;
  const a = cmd.args;
  if (a.length && OLD_STYLE_RE.test(a[0].text) && a[0].text.includes('x')) return true; // old style: tar xzf f.tgz
  return a.some((w) => w.text === '--extract' || w.text === '--get' || EXTRACT_FLAG_RE.test(w.text));
}

/** The last component of a path, with `/` or (Windows) `\` as separators. */
function lastComponent(path: string): string {
  const p = path.replace(/[\\/]+$/, '');
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1) || baseName(path);
}

export const DL3010 = defineRule({
  code: 'DL3010',
  level: 'info',
  title: 'Use ADD to unpack a local tar archive.',
  description:
    'Copying a tar archive into the image and unpacking it in a later `RUN` keeps the archive itself in a ' +
    'layer, so the image carries both the packed and the unpacked files. `ADD` unpacks a local tar archive ' +
    '(plain, gzip, bzip2 or xz) directly into the destination in a single step. This is reported on the `COPY` ' +
    'when a later `RUN` in the same stage runs `tar` to extract that file.',
  example: {
    bad: 'FROM debian:12-slim\nCOPY model-server.tar.gz /tmp/\nRUN tar -xzf /tmp/model-server.tar.gz -C /opt',
    good: 'FROM debian:12-slim\nADD model-server.tar.gz /opt/',
  },
  check(ctx) {
    const copies: Copied[] = [];
    for (const { instr } of ctx.instructions('COPY')) {
      if (!mayCopyTar(instr)) continue;
      if (flagValue(instr, 'from') !== null) continue;
      const { sources, dest } = copyArgs(instr, ctx.doc.escape);
      if (!dest) continue;
      const toDir = sources.length > 1 || dest.text.endsWith('/') || dest.text.endsWith('\\');
      for (const src of sources) {
        if (isRemote(src.text) || src.text.startsWith('<<') || !isTarArchive(src.text) || GLOB_RE.test(src.text)) continue;
        const file = lastComponent(src.text);
        // a destination that does not name an archive is taken as a directory (`COPY a.tgz /tmp`, `C:\app\`)
        const dir = toDir || !isTarArchive(dest.text);
        const sep = dest.text.includes('\\') && !dest.text.includes('/') ? '\\' : '/';
        const inImage = dir ? dest.text.replace(/[\\/]+$/, '') + sep + file : dest.text;
        copies.push({ instr, src, names: new Set([file, inImage, lastComponent(inImage)]) });
      }
    }
    if (!copies.length) return;
    // stage + name → the copies that name can refer to (keeps this linear in the file size)
    const byName = new Map<string, Copied[]>();
    for (const c of copies) {
      for (const n of c.names) {
        addToList(byName, `${c.instr.stage}\0${n}`, c);
      }
    }
    const reported = new Set<Copied>();
    const check = (run: RunInfo, cmd: Command) => {
      if (run.onbuild || !isTarExtract(cmd)) return;
      for (const w of cmd.args) {
        // as written too: a Windows path keeps its backslashes there
        const candidates = new Set([w.text, lastComponent(w.text), lastComponent(w.text.replace(FILE_FLAG_RE, '')), w.raw, lastComponent(w.raw.replace(FILE_FLAG_RE, ''))]);
        for (const name of candidates) {
          for (const c of byName.get(`${run.instr.stage}\0${name}`) ?? []) {
            if (reported.has(c) || c.instr.index > run.instr.index) continue;
            reported.add(c);
            ctx.report(pathRange(c.instr, c.src),
              `"${c.src.text}" is copied and then unpacked with tar on line ${run.instr.range.line}, which leaves the archive in a layer; use ADD, which unpacks local tar archives itself.`);
          }
        }
      }
    };
    const tarCommands = tarCommandsInOrder(ctx);
    if (tarCommands) {
      for (const { run, cmd } of tarCommands) check(run, cmd);
      return;
    }
    for (const run of ctx.runs()) for (const cmd of commandsOf(run.script)) check(run, cmd);
  },
});

/**
 * The tar commands of every RUN in file order, from the command index, when they all have the same
 * name (the usual case); null when several names occur and the full walk must give the order.
 */
function tarCommandsInOrder(ctx: RuleContext): readonly CommandAt[] | null {
  let found: readonly CommandAt[] = [];
  for (const name of TAR_NAMES) {
    const list = commandsNamed(ctx, [name]);
    if (!list.length) continue;
    if (found.length) return null;
    found = list;
  }
  return found;
}
