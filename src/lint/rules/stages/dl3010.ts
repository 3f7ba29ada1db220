import { defineRule } from '../../rule';
import type { Instruction } from '../../parser';
import { baseName, commandsOf, type Command } from '../../shell';
import { copyArgs, flagValue, isRemote, isTarArchive, pathRange, type PathArg } from './util';

interface Copied {
  instr: Instruction;
  src: PathArg;
  /** Names the archive can be referred to by afterwards: its file name and its path in the image. */
  names: Set<string>;
}

/** True for `tar` invocations that extract: `tar -xzf`, `tar xf`, `tar --extract`. */
function isTarExtract(cmd: Command): boolean {
  if (cmd.base !== 'tar' && cmd.base !== 'bsdtar' && cmd.base !== 'gtar') return false;
  const a = cmd.args;
  if (a.length && /^[A-Za-z]+$/.test(a[0].text) && a[0].text.includes('x')) return true; // old style: tar xzf f.tgz
  return a.some((w) => w.text === '--extract' || w.text === '--get' || /^-[A-Za-z]*x[A-Za-z]*$/.test(w.text));
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
      if (flagValue(instr, 'from') !== null) continue;
      const { sources, dest } = copyArgs(instr, ctx.doc.escape);
      if (!dest) continue;
      const toDir = sources.length > 1 || dest.text.endsWith('/');
      for (const src of sources) {
        if (isRemote(src.text) || src.text.startsWith('<<') || !isTarArchive(src.text) || /[*?[]/.test(src.text)) continue;
        const file = baseName(src.text);
        // a destination that does not name an archive is taken as a directory (`COPY a.tgz /tmp`)
        const inImage = toDir || !isTarArchive(dest.text) ? dest.text.replace(/\/+$/, '') + '/' + file : dest.text;
        copies.push({ instr, src, names: new Set([file, inImage, baseName(inImage)]) });
      }
    }
    if (!copies.length) return;
    // stage + name → the copies that name can refer to (keeps this linear in the file size)
    const byName = new Map<string, Copied[]>();
    for (const c of copies) {
      for (const n of c.names) {
        const key = `${c.instr.stage}\0${n}`;
        const list = byName.get(key);
        if (list) list.push(c);
        else byName.set(key, [c]);
      }
    }
    const reported = new Set<Copied>();
    for (const run of ctx.runs()) {
      if (run.onbuild) continue;
      for (const cmd of commandsOf(run.script)) {
        if (!isTarExtract(cmd)) continue;
        for (const w of cmd.args) {
          const candidates = new Set([w.text, baseName(w.text), baseName(w.text.replace(/^(--file=|-[A-Za-z]*f)/, ''))]);
          for (const name of candidates) {
            for (const c of byName.get(`${run.instr.stage}\0${name}`) ?? []) {
              if (reported.has(c) || c.instr.index > run.instr.index) continue;
              reported.add(c);
              ctx.report(pathRange(c.instr, c.src),
                `"${c.src.text}" is copied and then unpacked with tar on line ${run.instr.range.line}, which leaves the archive in a layer; use ADD, which unpacks local tar archives itself.`);
            }
          }
        }
      }
    }
  },
});
