// Can this engine give a container a GPU? Read from GET /info (`docker info`): the NVIDIA runtime
// registered with the engine, or CDI devices (Docker 25+, Podman) for nvidia.com/gpu. Pure.

export interface GpuSupport {
  /** True when a GPU request can work: an nvidia runtime is registered, or CDI knows NVIDIA devices. */
  readonly available: boolean;
  /** Runtimes the engine knows (runc, nvidia, …). */
  readonly runtimes: readonly string[];
  /** What decided it, in words. */
  readonly reason: string;
}

interface InfoLike {
  Runtimes?: Record<string, unknown> | null;
  DefaultRuntime?: string;
  /** Docker 25+: CDI devices discovered by the engine (`DiscoveredDevices` with Source "cdi"). */
  DiscoveredDevices?: { Source?: string; ID?: string }[] | null;
  CDISpecDirs?: string[] | null;
}

export function gpuSupportFromInfo(info: InfoLike): GpuSupport {
  const runtimes = Object.keys(info.Runtimes ?? {});
  const nvidiaRuntime = runtimes.find((r) => /nvidia/i.test(r));
  if (nvidiaRuntime) return { available: true, runtimes, reason: `the engine has the "${nvidiaRuntime}" runtime` };
  const cdi = (info.DiscoveredDevices ?? []).find((d) => d.Source === 'cdi' && /^nvidia\.com\/gpu=/.test(d.ID ?? ''));
  if (cdi) return { available: true, runtimes, reason: `the engine lists the CDI device ${cdi.ID}` };
  return {
    available: false,
    runtimes,
    reason: `the engine has no NVIDIA runtime (runtimes: ${runtimes.join(', ') || 'none'}) and no NVIDIA CDI devices`,
  };
}
