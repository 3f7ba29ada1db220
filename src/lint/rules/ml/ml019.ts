import { defineRule } from '../../rule';
import { stageImageInfo } from './images';
import { nearestSupportedPythonTag, pythonBranch, pythonIsEol, TABLE_DATES } from '../../../ml';
import { parentStage } from '../../facts';

const DATE = TABLE_DATES.python;

export const ML019 = defineRule({
  code: 'ML019',
  level: 'warning',
  title: "The base image's Python is past end of life.",
  description:
    'CPython branches get security fixes for five years; after that, `python:<version>` images are no longer rebuilt, and ML libraries drop the version ' +
    '(NumPy, pandas and PyTorch follow the same schedule). ' +
    `The rule reads the official \`python\` image's tag against the Python table in src/ml (as of ${DATE}: 3.8 ended 2024-10, 3.9 on 2025-10-31, 3.10 in 2026-10) ` +
    'and offers the nearest supported tag as a quick fix, keeping the variant (`slim`, `alpine`, `bookworm`) and dropping distro pins that are no longer built (`buster`, `bullseye`, `alpine3.18`). ' +
    'Digest-pinned images, unresolved tags and other repositories are not checked.',
  example: {
    bad: 'FROM python:3.9-slim',
    good: 'FROM python:3.12-slim',
  },
  check(ctx) {
    // stages that take the same reference from an ARG have one place to fix it: reported once
    let viaArg: Set<string> | null = null;
    for (const st of ctx.doc.stages) {
      const ref = st.resolvedImage;
      // the official image is `python:<tag>` with an optional registry/`library/` prefix: other references end here
      if (!ref || !(ref.startsWith('python:') || ref.includes('/python:')) || parentStage(ctx.doc, st) || ref.includes('$')) continue;
      const info = stageImageInfo(st)!;
      if ((info.repo !== 'python' && info.repo !== 'library/python') || info.digest || !info.tag) continue;
      if (st.image !== ref) {
        if (viaArg?.has(st.image)) continue;
        (viaArg ??= new Set()).add(st.image);
      }
      const m = /^(\d\.\d{1,2})(?:[.-]|$)/.exec(info.tag);
      if (!m || !pythonIsEol(m[1])) continue;
      const branch = pythonBranch(m[1])!;
      const next = nearestSupportedPythonTag(info.tag);
      if (!next) continue;
      const fixes = st.image === ref && ref.endsWith(':' + info.tag)
        ? [{ title: `Use python:${next}`, edits: [{ ...st.imageRange, newText: ref.slice(0, ref.length - info.tag.length) + next }] }]
        : undefined;
      ctx.report(st.imageRange, `Python ${branch.version} reached end of life ${branch.eol.length === 7 ? 'in' : 'on'} ${branch.eol} (Python table of ${DATE}): no more security fixes or rebuilt images; the nearest supported tag is "python:${next}".`, fixes);
    }
  },
});
