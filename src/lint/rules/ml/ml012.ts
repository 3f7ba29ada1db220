import { defineRule } from '../../rule';
import { keyValuesOf } from '../../parser';
import { finalStage, stageLineage } from '../../facts';

export const ML012 = defineRule({
  code: 'ML012',
  level: 'warning',
  title: 'NVIDIA runtime variables hide the GPU from the container.',
  description:
    'The NVIDIA container runtime injects only the driver capabilities listed in `NVIDIA_DRIVER_CAPABILITIES` and the devices in `NVIDIA_VISIBLE_DEVICES`. ' +
    'Baking in capabilities without `compute` (or `all`) leaves CUDA without its driver libraries, and `NVIDIA_VISIBLE_DEVICES=void`/`none` hides every GPU, ' +
    'so the image silently runs on CPU or fails to initialise CUDA. Use `compute,utility` (add `video`, `graphics`… as needed) and `all` or leave device selection to `--gpus`. ' +
    'Only the shipped stage (and the stages it is built on) is checked. The missing-variables case of the proposal is ML017 (info), since a rule has one severity.',
  example: {
    bad: 'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\nENV NVIDIA_DRIVER_CAPABILITIES=utility',
    good: 'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\nENV NVIDIA_DRIVER_CAPABILITIES=compute,utility',
  },
  check(ctx) {
    const last = finalStage(ctx.doc);
    if (!last) return;
    for (const st of stageLineage(ctx.doc, last)) {
      for (const instr of st.instructions) {
        if (instr.keyword !== 'ENV') continue;
        for (const kv of keyValuesOf(instr, ctx.doc.escape)) {
          if ((kv.key !== 'NVIDIA_DRIVER_CAPABILITIES' && kv.key !== 'NVIDIA_VISIBLE_DEVICES') || kv.value.includes('$')) continue;
          const r = ctx.argsRange(instr, kv.keyStart, kv.valueEnd);
          if (kv.key === 'NVIDIA_DRIVER_CAPABILITIES') {
            const caps = kv.value.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
            if (caps.includes('compute') || caps.includes('all')) continue;
            const raw = instr.args.slice(kv.valueStart, kv.valueEnd);
            const quoted = /["']$/.test(raw) && raw.length >= 2;
            const at = ctx.argsRange(instr, quoted ? kv.valueEnd - 1 : kv.valueEnd, quoted ? kv.valueEnd - 1 : kv.valueEnd);
            ctx.report(r, `NVIDIA_DRIVER_CAPABILITIES=${kv.value || '""'} leaves out "compute", so the CUDA driver libraries are not mounted; use compute,utility.`,
              [{ title: 'Add the compute capability', edits: [{ ...at, newText: caps.length ? ',compute' : 'compute,utility' }] }]);
          } else if (kv.key === 'NVIDIA_VISIBLE_DEVICES' && /^(void|none|)$/i.test(kv.value.trim())) {
            const vr = ctx.argsRange(instr, kv.valueStart, kv.valueEnd);
            ctx.report(r, `NVIDIA_VISIBLE_DEVICES=${kv.value || '""'} hides every GPU from the container; use "all" or leave the choice to --gpus at run time.`,
              [{ title: 'Expose all GPUs', edits: [{ ...vr, newText: 'all' }] }]);
          }
        }
      }
    }
  },
});
