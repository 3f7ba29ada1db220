// Which product an engine is (Docker or Podman, and its version), read from GET /version, so the
// client can adapt where Podman's Docker-compatible API differs and the UI can say what it talks to.
// Pure Node: no vscode, no dockerode value import.

export interface EngineProduct {
  readonly kind: 'docker' | 'podman' | 'other';
  /** e.g. "Podman Engine 4.3.1", "Docker Engine - Community 20.10.24". */
  readonly label: string;
  readonly version: string;
}

/** The fields of GET /version read here (a subset of engine.ts's EngineVersion). */
interface VersionLike {
  Version?: string;
  Components?: { Name: string; Version: string }[];
  Platform?: { Name?: string };
}

export function engineProduct(v: VersionLike): EngineProduct {
  const components = v.Components ?? [];
  const main = components.find((c) => /engine/i.test(c.Name)) ?? components[0];
  const platform = v.Platform?.Name ?? '';
  const version = main?.Version ?? v.Version ?? '';
  if (components.some((c) => /^podman/i.test(c.Name)) || /podman/i.test(platform)) {
    return { kind: 'podman', label: `Podman Engine ${version}`.trim(), version };
  }
  // Docker's Platform.Name is the edition ("Docker Engine - Community"); Debian's docker.io leaves it empty.
  if (/docker/i.test(platform) || components.some((c) => /^engine$/i.test(c.Name)) || !components.length) {
    return { kind: 'docker', label: `${/docker/i.test(platform) ? platform : 'Docker Engine'} ${version}`.trim(), version };
  }
  return { kind: 'other', label: `${platform || main?.Name || 'Engine'} ${version}`.trim(), version };
}

/** Something with a `version()` call answering GET /version (a dockerode client). */
export interface Versioned {
  version(): Promise<unknown>;
}

const cache = new WeakMap<object, Promise<EngineProduct>>();

/** The product behind a client, asked once per client object. An unanswered /version counts as Docker. */
export function productOf(client: Versioned): Promise<EngineProduct> {
  let p = cache.get(client);
  if (!p) {
    p = Promise.resolve().then(() => client.version()).then(
      (v) => engineProduct(v as VersionLike),
      () => ({ kind: 'docker', label: 'Docker Engine', version: '' }) as EngineProduct,
    );
    cache.set(client, p);
  }
  return p;
}

/**
 * The name the docker CLI shows for an image reference: Docker Hub's `docker.io/library/x` and
 * `docker.io/user/x` (how Podman reports the images it builds through the compatible API) as `x`
 * and `user/x`. Other registries, and Podman's `localhost/x`, stay as they are.
 */
export function familiarImageName(ref: string): string {
  const hub = 'docker.io/';
  if (!ref.startsWith(hub)) return ref;
  const rest = ref.slice(hub.length);
  const name = rest.split(/[:@]/)[0];
  if (name.startsWith('library/') && !name.slice('library/'.length).includes('/')) return rest.slice('library/'.length);
  return rest;
}
