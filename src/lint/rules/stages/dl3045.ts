import { defineRule } from '../../rule';
import { parentStage, type InstructionAt } from '../../facts';
import type { Dockerfile, Instruction } from '../../parser';
import { copyArgs, isAbsoluteOrVariable, pathRange } from './util';

export const DL3045 = defineRule({
  code: 'DL3045',
  level: 'warning',
  title: 'COPY to a relative path needs a WORKDIR first.',
  description:
    'A relative `COPY` destination is resolved against the working directory, which, without a `WORKDIR` in ' +
    'the stage, is whatever the base image happens to set (often `/`). Set `WORKDIR` before the `COPY`, or ' +
    'write an absolute destination. A `WORKDIR` in an earlier stage that this stage is built `FROM` counts.',
  example: {
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .',
    good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .',
  },
  check(ctx) {
    const doc = ctx.doc;
    const workdirs = ctx.instructions('WORKDIR');
    let w = 0;
    let workdirStage = -2; // stage of the last WORKDIR before the current COPY
    let inherited: boolean[] | null = null; // computed on first need
    for (const { instr } of ctx.instructions('COPY')) {
      if (instr.stage < 0) continue;
      while (w < workdirs.length && workdirs[w].instr.index < instr.index) workdirStage = workdirs[w++].instr.stage;
      // a WORKDIR earlier in this stage, or a destination that is absolute as written
      if (workdirStage === instr.stage || destIsAbsolute(instr, doc.escape)) continue;
      inherited ??= inheritedWorkdirs(doc, workdirs);
      if (inherited[instr.stage]) continue;
      const { dest } = copyArgs(instr, doc.escape);
      if (!dest || !dest.text || isAbsoluteOrVariable(dest.text)) continue;
      ctx.report(pathRange(instr, dest),
        `The destination "${dest.text}" is relative and no WORKDIR is set in this stage yet; add a WORKDIR before this COPY or use an absolute path.`);
    }
  },
});

/** For each stage: a stage it is built on (through `FROM <stage>`, transitively) sets a WORKDIR. */
function inheritedWorkdirs(doc: Dockerfile, workdirs: readonly InstructionAt[]): boolean[] {
  const hasWorkdir: boolean[] = [];
  for (const { instr } of workdirs) if (instr.stage >= 0) hasWorkdir[instr.stage] = true;
  const inherited: boolean[] = [];
  // parents always come first
  for (const st of doc.stages) {
    const parent = parentStage(doc, st);
    inherited.push(parent !== null && (inherited[parent.index] || hasWorkdir[parent.index] === true));
  }
  return inherited;
}

/**
 * True when the destination surely starts with `/` or `$`, told from the text when it is plain: the
 * shell-form arguments hold no quote and no escape character, and the text after their last blank (the
 * destination as copyArgs reads it) starts with `/` or `$`. (The regex
 * `^[^"'<esc>]*[ \t\n\r][/$][^ \t\n\r"'<esc>]*$` as one backward scan: the regex backtracks.)
 */
function destIsAbsolute(instr: Instruction, escape: string): boolean {
  if (instr.json !== null || (escape !== '\\' && escape !== '`')) return false;
  const s = instr.rest;
  const esc = escape.charCodeAt(0);
  // the last blank, with no quote or escape character after it
  let i = s.length - 1;
  for (; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) break;
    if (c === 34 || c === 39 || c === esc) return false;
  }
  if (i < 0 || i + 1 >= s.length) return false;
  const first = s.charCodeAt(i + 1);
  if (first !== 47 /* / */ && first !== 36 /* $ */) return false;
  // nor before it
  for (let k = 0; k < i; k++) {
    const c = s.charCodeAt(k);
    if (c === 34 || c === 39 || c === esc) return false;
  }
  return true;
}
