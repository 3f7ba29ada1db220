import { defineRule } from '../../rule';
import { cudaBaseTag, parseCudaImageTag } from '../../../ml';
import { finalStage, rootStage } from '../../facts';
import { stageCuda, stageImageInfo } from './images';

/**
 * ML021: the image's CUDA major differs from the CUDA of the torch wheel the project itself pins in its
 * requirements file. Only the major: within a major, newer drivers and minor-version compatibility make
 * most combinations work; across majors the wheel's kernels and libraries do not load. Needs the build
 * context (the editor and the CLI pass it); silent without it, on unknown CUDA, and on unresolved images.
 */
export const ML021 = defineRule({
  code: 'ML021',
  level: 'warning',
  title: "The base image's CUDA does not match the framework wheel the project pins.",
  description:
    "The project's own `requirements*.txt` or `pyproject.toml` pins a torch wheel built for one CUDA major (`torch==2.4.1+cu121`, a `cu121` index, or a PyPI " +
    "release whose wheel is a CUDA build) or `tensorflow[and-cuda]`, and the image the Dockerfile ships starts from a CUDA image of another major. The wheel's " +
    'libraries then do not match what the image provides. The quick fix moves an `nvidia/cuda` base to a maintained tag of the ' +
    "wheel's CUDA, keeping its flavour and distribution. Facts come from the torch and nvidia/cuda tables in src/ml.",
  example: {
    bad: '# requirements.txt pins torch==2.4.1+cu121\nFROM nvidia/cuda:11.8.0-runtime-ubuntu22.04',
    good: '# requirements.txt pins torch==2.4.1+cu121\nFROM nvidia/cuda:12.1.1-runtime-ubuntu22.04',
    context: { hasDockerignore: true, unignoredBulk: [], torchPin: { file: 'requirements.txt', line: 1, package: 'torch', version: '2.4.1+cu121', cudaMajor: 12, cuda: '12.1', source: 'local-version', asOf: '2026-08-21' } },
  },
  check(ctx) {
    const pin = ctx.options.context?.torchPin;
    const final = finalStage(ctx.doc);
    if (!pin || !final) return;
    // the stage whose FROM names the image the final stage grows from (through earlier stages of this file)
    const origin = rootStage(ctx.doc, final);
    const cuda = stageCuda(ctx.doc, final);
    if (!cuda?.version || cuda.version.major === pin.cudaMajor) return;
    const wheel = pin.cuda ?? `${pin.cudaMajor}.x`;
    const info = stageImageInfo(origin);
    const parsed = info && /(^|\/)nvidia\/cuda$/.test(info.repo) && info.tag ? parseCudaImageTag(info.tag) : null;
    const target = parsed && pin.cuda ? cudaBaseTag(pin.cuda, parsed.flavour, parsed.distro) : null;
    const ref = origin.resolvedImage;
    const fixes = target && ref && origin.image === ref && info?.tag && ref.endsWith(':' + info.tag)
      ? [{ title: `Use nvidia/cuda:${target}`, edits: [{ ...origin.imageRange, newText: ref.slice(0, ref.length - info.tag.length) + target }] }]
      : undefined;
    ctx.report(origin.imageRange,
      `${pin.file}:${pin.line} pins ${pin.package} ${pin.version}, a CUDA ${wheel} build (${pin.package} table of ${pin.asOf}), but this image has CUDA ${cuda.version.major}.${cuda.version.minor}: ` +
      `use a CUDA ${pin.cudaMajor} base${target ? ` such as nvidia/cuda:${target}` : ''}, or the ${pin.package} build for CUDA ${cuda.version.major}.`,
      fixes);
  },
});
