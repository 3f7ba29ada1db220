// The GPU preflight verdict for a run: block (it certainly fails), warn (it may fail or run degraded)
// or ok, with the fix in words. Pure: the facts come from src/docker/gpuPreflight.ts, the driver floors
// from the ML knowledge base (src/ml drivers: the toolkit's own driver, and the minor-version
// compatibility floor per CUDA major).
//
// What decides (NVIDIA Container Toolkit and CUDA compatibility rules):
// - No NVIDIA runtime and no CDI devices: the engine refuses the GPU request → block.
// - NVIDIA_REQUIRE_* in the image (unless NVIDIA_DISABLE_REQUIRE): the runtime checks it before the
//   container starts; an expression that certainly fails on this host → block. It can also pass
//   through a "brand=…,driver>=535,driver<536" alternative (forward compatibility, supported by NVIDIA
//   on data-center GPUs only) → warn.
// - CUDA_VERSION above what the driver supports, same major, driver at or above the major's
//   minor-version compatibility floor: most applications run, features of the newer minor (PTX JIT
//   of newer PTX) do not → warn. Below that floor only forward-compatibility libraries can help,
//   which the preflight cannot see → warn, never block.
import type { GpuFacts } from '../docker/gpuPreflight';
import { cmpDotted, evaluateRequirement, type HostFacts } from '../docker/gpuPreflight';
import { MINOR_COMPAT_DRIVERS, minDriverFor, TOOLKIT_DRIVERS } from '../ml/drivers';

export type PreflightLevel = 'ok' | 'warn' | 'block';

export interface GpuPreflight {
  readonly level: PreflightLevel;
  /** One sentence: what is wrong (or that all is well). */
  readonly message: string;
  /** What to do about it. */
  readonly fix?: string;
  /** Facts read, for the log: driver, CUDA, image needs, where the driver came from. */
  readonly facts: readonly string[];
}

export const NO_RUNTIME_FIX =
  'Install the NVIDIA driver and the NVIDIA Container Toolkit on the engine host, run `sudo nvidia-ctk runtime configure --runtime=docker` and restart the engine — or run without a GPU.';

function majorMinor(v: string): string {
  return v.split('.').slice(0, 2).join('.');
}

/**
 * The highest CUDA minor whose first release's driver is at or below `driver`: a version the driver
 * certainly supports (newer drivers may report a higher one, e.g. a 565 driver says 12.7).
 */
export function cudaSupportedBy(driver: string): string | undefined {
  let best: string | undefined;
  for (const [toolkit, min] of Object.entries(TOOLKIT_DRIVERS)) {
    if (cmpDotted(driver, min) < 0) continue;
    const mm = majorMinor(toolkit);
    if (!best || cmpDotted(mm, best) > 0) best = mm;
  }
  return best;
}

/** The CUDA version an image is built for: CUDA_VERSION, else the `cuda>=X` of its requirement. */
function imageCuda(facts: GpuFacts): string | undefined {
  if (facts.image?.cudaVersion) return facts.image.cudaVersion;
  for (const r of facts.image?.requirements ?? []) {
    const m = /(?:^|\s)cuda>=?(\d{1,2}\.\d{1,2})(?:\s|$|,)/.exec(r.value);
    if (m) return m[1];
  }
  return undefined;
}

function minorCompatFloor(cuda: string): string | undefined {
  return MINOR_COMPAT_DRIVERS[Number(cuda.split('.')[0])];
}

export function decideGpuPreflight(facts: GpuFacts): GpuPreflight {
  const notes: string[] = [];
  if (facts.support) notes.push(`engine: ${facts.support.reason}`);
  else notes.push('engine: GPU support unknown (GET /info failed)');
  if (facts.support && !facts.support.available) {
    return { level: 'block', message: `No GPU runtime: ${facts.support.reason}.`, fix: NO_RUNTIME_FIX, facts: notes };
  }
  const host = facts.host;
  if (host) {
    notes.push(`host driver ${host.driver ?? 'unknown'}${host.cuda ? ` (CUDA ${host.cuda})` : ''}, read ${host.source === 'host' ? 'with nvidia-smi on this machine' : 'from a probe container'}`);
    if (host.gpus.length) notes.push(`GPUs: ${host.gpus.map((g) => g.name + (g.computeCap ? ` (sm ${g.computeCap})` : '')).join(', ')}`);
  } else if (facts.hostProblem) notes.push(`host driver unknown: ${facts.hostProblem}`);
  const cuda = imageCuda(facts);
  const reqs = facts.image?.requirements ?? [];
  if (cuda) notes.push(`image CUDA ${cuda}`);
  for (const r of reqs) notes.push(`image ${r.name}=${r.value.length > 120 ? r.value.slice(0, 117) + '…' : r.value}${facts.image?.requireDisabled ? ' (disabled by NVIDIA_DISABLE_REQUIRE)' : ''}`);

  if (!facts.image || (!cuda && !reqs.length)) {
    return { level: 'ok', message: facts.image ? 'The image declares no CUDA version: nothing to check against the driver.' : 'The image config could not be read: its CUDA needs were not checked.', facts: notes };
  }
  if (!host?.driver) {
    return { level: 'ok', message: `The host driver could not be read (${facts.hostProblem ?? 'unknown'}): the image's ${cuda ? `CUDA ${cuda}` : 'CUDA requirement'} was not checked against it.`, facts: notes };
  }
  const driver = host.driver;
  const hostCuda = host.cuda ?? cudaSupportedBy(driver);
  const hostFacts: HostFacts = {
    driver,
    ...(host.cuda ? { cuda: host.cuda } : {}),
    ...(!host.cuda && hostCuda ? { cudaAtLeast: hostCuda } : {}),
    ...(host.gpus.length && host.gpus.every((g) => g.computeCap) ? { archs: host.gpus.map((g) => g.computeCap!) } : {}),
  };
  const needDriver = cuda ? minDriverFor(cuda) : null;
  const floor = cuda ? minorCompatFloor(cuda) : undefined;
  const sameMajor = !!cuda && !!hostCuda && cuda.split('.')[0] === hostCuda.split('.')[0];
  const compatOk = !!floor && sameMajor && cmpDotted(driver, floor) >= 0;
  const fix = (): string => {
    const base = hostCuda ? `use a CUDA ${hostCuda} base` : 'use an older CUDA base';
    const need = needDriver ? `driver ≥ ${needDriver}` : `a driver for CUDA ${cuda ?? '?'}`;
    return `This image needs ${need}; the host has ${driver}: ${base} or update the driver.`;
  };

  if (reqs.length && !facts.image.requireDisabled) {
    const verdicts = reqs.map((r) => ({ r, v: evaluateRequirement(r.value, hostFacts) }));
    const failing = verdicts.find((x) => x.v.result === false);
    if (failing) {
      const compat = compatOk ? ` CUDA ${cuda!.split('.')[0]} minor-version compatibility would let most applications run on this driver: setting NVIDIA_DISABLE_REQUIRE=1 in the run profile skips the runtime's check.` : '';
      return {
        level: 'block',
        message: `The NVIDIA runtime will refuse to start this image: it requires ${failing.v.failed[0]}, and the host driver ${driver} supports CUDA ${host.cuda ?? hostCuda ?? '?'}.`,
        fix: fix() + compat,
        facts: notes,
      };
    }
    const unsure = verdicts.find((x) => x.v.result === undefined && !x.v.holdsIfBrand) ?? verdicts.find((x) => x.v.result === undefined);
    if (unsure?.v.holdsIfBrand && cuda && hostCuda && cmpDotted(majorMinor(cuda), hostCuda) > 0) {
      return {
        level: 'warn',
        message: `The image's CUDA ${cuda} is newer than the driver's (${driver}, CUDA ${hostCuda}); the NVIDIA runtime accepts it only through the image's exception for this driver branch (${unsure.v.holdsIfBrand.split(',').filter((c) => !c.startsWith('brand=')).join(',')} for the GPU brands it names), i.e. forward compatibility, which NVIDIA supports on data-center GPUs only.${compatOk ? ` CUDA ${cuda.split('.')[0]} minor-version compatibility covers most applications on this driver anyway.` : ''}`,
        fix: fix(),
        facts: notes,
      };
    }
    if (unsure) {
      return {
        level: 'warn',
        message: `The image's ${unsure.r.name} (${cuda ? `CUDA ${cuda}` : unsure.r.value.split(/\s+/)[0]}) may be refused by the NVIDIA runtime on this host (driver ${driver}): it depends on facts the preflight cannot read (GPU brand).`,
        fix: fix(),
        facts: notes,
      };
    }
    const viaBranch = verdicts.find((x) => x.v.satisfiedBy && !/(^|,)cuda/.test(x.v.satisfiedBy));
    if (viaBranch && cuda && hostCuda && cmpDotted(majorMinor(cuda), hostCuda) > 0) {
      return {
        level: 'warn',
        message: `The image's CUDA ${cuda} is newer than the driver's (${driver}, CUDA ${hostCuda}); the runtime accepts it only through its exception for this driver branch (${viaBranch.v.satisfiedBy}), i.e. forward compatibility, which NVIDIA supports on data-center GPUs only.${compatOk ? ` CUDA ${cuda.split('.')[0]} minor-version compatibility covers most applications on this driver anyway.` : ''}`,
        fix: fix(),
        facts: notes,
      };
    }
  }

  if (!cuda) return { level: 'ok', message: `The image's requirements hold for driver ${driver}.`, facts: notes };
  if ((host.cuda && cmpDotted(host.cuda, majorMinor(cuda)) >= 0) || (needDriver && cmpDotted(driver, needDriver) >= 0)) {
    return { level: 'ok', message: `Driver ${driver} supports the image's CUDA ${cuda}.`, facts: notes };
  }
  if (compatOk) {
    return {
      level: 'warn',
      message: `The image's CUDA ${cuda} is newer than driver ${driver} (CUDA ${hostCuda}). Through CUDA ${cuda.split('.')[0]} minor-version compatibility most applications run; features of the newer toolkit (such as JIT compilation of newer PTX) fail.`,
      fix: fix(),
      facts: notes,
    };
  }
  if (!needDriver && !hostCuda) {
    return { level: 'warn', message: `The driver table does not know CUDA ${cuda}: cannot tell whether driver ${driver} supports it.`, facts: notes };
  }
  return {
    level: 'warn',
    message: `The image's CUDA ${cuda} needs a newer driver than ${driver}${hostCuda ? ` (CUDA ${hostCuda})` : ''}${floor ? `; CUDA ${cuda.split('.')[0]} applications need at least ${floor}` : ''}: it will fail to use the GPU unless the image carries NVIDIA's forward-compatibility libraries (data-center GPUs only).`,
    fix: fix(),
    facts: notes,
  };
}
