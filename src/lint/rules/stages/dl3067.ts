import { defineRule } from '../../rule';
import type { Instruction } from '../../parser';
import { copyArgs, flagValue, isPlainRest, pathRange } from './util';

/**
 * `/`, `/.`, `/*` and the like: the root of the source. Written so that each `/` has one place to go
 * (`\/+[.*]?\/*` backtracks quadratically on a long run of slashes that does not match).
 */
const ROOT_RE = /^\/+(?:[.*]\/*)?$/;

function isRoot(path: string): boolean {
  return path[0] === '/' && ROOT_RE.test(path);
}

// a root source is a word followed by another (the destination)
const ROOT_WORD_RE = /(?:^|[ \t\n\r])\/+(?:[.*]\/*)?[ \t\n\r]/;

/** True when plain text (see {@link isPlainRest}) shows no source can be a root, without the argument list. */
function noRootSource(instr: Instruction, escape: string): boolean {
  return isPlainRest(instr, escape) && !ROOT_WORD_RE.test(instr.rest);
}

export const DL3067 = defineRule({
  code: 'DL3067',
  level: 'warning',
  title: 'Do not copy the whole filesystem of another stage.',
  description:
    '`COPY --from=<stage> / …` copies everything the other stage contains (its OS, package caches, compilers) ' +
    'and throws away the size benefit of a multi-stage build. Copy only the directories you need, such as a ' +
    'virtual environment or the built artefacts.',
  example: {
    bad: 'FROM python:3.12 AS build\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=build / /',
    good: 'FROM python:3.12 AS build\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=build /venv /venv',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('COPY')) {
      const ref = flagValue(instr, 'from');
      if (!ref || noRootSource(instr, ctx.doc.escape)) continue;
      for (const src of copyArgs(instr, ctx.doc.escape).sources) {
        if (!isRoot(src.text)) continue;
        ctx.report(pathRange(instr, src),
          `COPY --from=${ref} ${src.text} copies that stage's entire filesystem; copy only the paths this image needs.`);
      }
    }
  },
});
