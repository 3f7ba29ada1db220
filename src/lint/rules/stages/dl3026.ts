import { defineRule } from '../../rule';
import { parseImageRef, type Instruction } from '../../parser';
import type { Range } from '../../types';
import { classifyFrom, copyFroms, type FromTarget } from './copyfrom';
import { stageBaseImages } from './image';
import { stageNameMap } from '../../facts';
import { flagRange } from './util';

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

function normRegistry(r: string): string {
  const l = r.trim().toLowerCase().replace(/\/+$/, '');
  return DOCKER_HUB_ALIASES.has(l) ? 'docker.io' : l;
}

/** A trusted-registry entry as a matcher; `*` matches any run of characters (e.g. `*.azurecr.io`). */
function matcher(entry: string): (registry: string) => boolean {
  const e = normRegistry(entry);
  if (!e.includes('*')) return (r) => r === e;
  const re = new RegExp('^' + e.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return (r) => re.test(r);
}

/** The registry an image reference is pulled from (Docker Hub when none is written). */
export function registryOf(ref: string): string {
  return normRegistry(parseImageRef(ref).registry ?? 'docker.io');
}

export const DL3026 = defineRule({
  code: 'DL3026',
  level: 'error',
  title: 'Pull images only from trusted registries.',
  description:
    'When `.hadolint.yaml` lists `trustedRegistries`, every image the build pulls must come from one of them: ' +
    'base images in `FROM`, images in `COPY --from=<image>` and in `RUN --mount=from=<image>`. An image without ' +
    'a registry comes from Docker Hub, which is allowed when the list contains `docker.io` (or `hub.docker.com`). ' +
    'Entries may use `*` as a wildcard (`*.azurecr.io`). Earlier stages and `scratch` are never pulled, so they ' +
    'are not checked. Without the setting the rule does nothing.',
  example: {
    bad: '# .hadolint.yaml: trustedRegistries: [registry.example.com]\nFROM python:3.12-slim',
    good: '# .hadolint.yaml: trustedRegistries: [registry.example.com]\nFROM registry.example.com/python:3.12-slim',
    config: { trustedRegistries: ['registry.example.com'] },
  },
  check(ctx) {
    if (!ctx.config.trustedRegistries?.length) return; // the usual case: no setting, nothing to do
    const list = ctx.config.trustedRegistries.filter((e) => typeof e === 'string' && e.trim());
    if (!list.length) return;
    const matchers = list.map(matcher);
    const doc = ctx.doc;
    const names = stageNameMap(doc);
    const judge = (ref: string, range: Range, where: string) => {
      const reg = registryOf(ref);
      if (matchers.some((m) => m(reg))) return;
      ctx.report(range, `${where} "${ref}" comes from ${reg === 'docker.io' ? 'Docker Hub (docker.io)' : `"${reg}"`}, which is not in trustedRegistries (${list.join(', ')}); use an image from a trusted registry.`);
    };
    const bases = stageBaseImages(doc);
    for (const st of doc.stages) {
      const base = bases[st.index];
      if (base) judge(base.ref, st.imageRange, 'The base image');
    }
    const pulled = (ref: string, t: FromTarget) => ref.toLowerCase() !== 'scratch' && (t.kind === 'image' || (t.kind === 'unknown' && !t.later));
    const isPulled = (instrStage: number, ref: string, instr: Instruction) => instrStage >= 0 && pulled(ref, classifyFrom(doc, names, instr, ref));
    for (const { instr, ref, target } of copyFroms(ctx)) {
      if (pulled(ref, target)) judge(ref, flagRange(instr, 'from') ?? ctx.headRange(instr), 'COPY --from image');
    }
    for (const run of ctx.runs()) {
      if (run.onbuild) continue;
      const mountFlags = run.instr.flags.filter((f) => f.name === 'mount' && f.value);
      run.mounts.forEach((m, k) => {
        const ref = m.get('from');
        if (!ref || !isPulled(run.instr.stage, ref, run.instr)) return;
        judge(ref, mountFlags[k]?.range ?? ctx.headRange(run.instr), 'The RUN --mount image');
      });
    }
  },
});
