import { defineRule } from '../../rule';
import { stageCuda, stageIsCpuBase } from './images';
import { externalBase, finalStage, stageLineage } from '../../facts';
import { scopeOf, mlRuns } from './scope';
import { pipFacts } from './wheels';

export const ML017 = defineRule({
  code: 'ML017',
  level: 'info',
  title: 'GPU image on a plain base does not set the NVIDIA runtime variables.',
  description:
    'Official CUDA and framework images set `NVIDIA_VISIBLE_DEVICES` and `NVIDIA_DRIVER_CAPABILITIES`; an image that installs CUDA wheels (`…/whl/cu124`, `+cu121`, `jax[cuda12]`, `cupy-cuda12x`) ' +
    'or sets `CUDA_HOME` on a plain base such as `python` or `ubuntu` does not, and some runtimes then mount only the `utility` capability or no GPU at all. ' +
    'Set `ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility` in the final stage (the quick fix adds that line). ' +
    'This is the "missing variables" half of the proposed ML012, kept at info level.',
  example: {
    bad: 'FROM python:3.11-slim\nRUN pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124',
    good: 'FROM python:3.11-slim\nENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility\nRUN pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124',
  },
  check(ctx) {
    const last = finalStage(ctx.doc);
    if (!last) return;
    const base = externalBase(ctx.doc, last);
    if (!base || stageCuda(ctx.doc, last) || !stageIsCpuBase(ctx.doc, last)) return;
    const scope = scopeOf(ctx.doc, last);
    const envSet = (n: string) => scope.get(n)?.keyword === 'ENV';
    if (envSet('NVIDIA_VISIBLE_DEVICES') || envSet('NVIDIA_DRIVER_CAPABILITIES')) return;
    let why: string | null = envSet('CUDA_HOME') ? 'CUDA_HOME is set' : null;
    if (!why) {
      const chain = stageLineage(ctx.doc, last);
      runs: for (const run of mlRuns(ctx)) {
        if (run.onbuild || !run.stage || !chain.includes(run.stage)) continue;
        // builds named by an index, a local version or an extra; PyPI defaults are ML006's
        for (const f of pipFacts(run, scopeOf(ctx.doc, run.stage))) {
          for (const c of f.cuda) {
            if (c.pypiTableDate) continue;
            why = `${c.what} is a CUDA build`;
            break runs; // the first one is named
          }
        }
      }
    }
    if (!why) return;
    const from = last.from;
    ctx.report(last.imageRange, `This image is meant for GPUs (${why}) but its base "${base}" does not set NVIDIA_VISIBLE_DEVICES / NVIDIA_DRIVER_CAPABILITIES; set them so the runtime mounts the CUDA driver.`,
      [{ title: 'Set the NVIDIA runtime variables', edits: [{ line: from.range.endLine, column: from.range.endColumn, endLine: from.range.endLine, endColumn: from.range.endColumn, newText: '\nENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility' }] }]);
  },
});
