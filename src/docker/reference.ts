// Image references as the distribution spec defines them, and registry host normalisation.
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain "/"] path-component ["/" path-component]*
//   domain    := host[:port]   (a first component is a domain if it has "." or ":" or is "localhost")

export const DOCKER_HUB = 'docker.io';
/** The key the docker CLI uses for Docker Hub in config.json and for credential helpers. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

export interface ImageReference {
  /** Registry host as written (docker.io if none). */
  domain: string;
  /** Repository path, with `library/` for official Docker Hub images. */
  path: string;
  tag?: string;
  digest?: string;
}

/** The parts of a reference as written, without validating (tolerant of partial or templated text). */
export interface ReferenceParts {
  /** Registry host when the first component is one (has "." or ":" or is "localhost"), else null. */
  registry: string | null;
  /** Repository path as written, without the registry. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** Splits `[registry/]repository[:tag][@digest]` without validating. The one tolerant reader of references. */
export function splitReference(ref: string): ReferenceParts {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, repository: rest, tag, digest };
}

export class ReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceError';
  }
}

/** Parses and validates; throws ReferenceError with a reason people can act on. */
export function parseReference(ref: string): ImageReference {
  const s = ref.trim();
  if (s === '') throw new ReferenceError('The image reference is empty.');
  if (s.length > 255 + 130) throw new ReferenceError('The image reference is too long.');
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError(`"${digest}" is not a valid digest (expected e.g. sha256:…).`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new ReferenceError(`"${tag}" is not a valid tag: use letters, digits, "_", "." and "-" (max 128, not starting with "." or "-").`);
  }
  const parts = rest.split('/');
  let domain = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || parts[0] !== parts[0].toLowerCase())) {
    domain = parts.shift() as string;
    if (!DOMAIN.test(domain)) throw new ReferenceError(`"${domain}" is not a valid registry host.`);
  }
  if (parts.length === 0 || parts.some((p) => p === '')) throw new ReferenceError(`"${ref}" has an empty repository name part.`);
  for (const p of parts) {
    if (p !== p.toLowerCase()) throw new ReferenceError(`Repository names must be lowercase: "${p}".`);
    if (!PATH_COMPONENT.test(p)) throw new ReferenceError(`"${p}" is not a valid repository name part: use lowercase letters, digits and single ".", "_", "__" or "-" separators.`);
  }
  const hub = isDockerHub(domain);
  if (hub) domain = DOCKER_HUB;
  let path = parts.join('/');
  if (hub && parts.length === 1) path = `library/${path}`;
  if (path.length > 255) throw new ReferenceError('The repository name is longer than 255 characters.');
  return { domain, path, tag, digest };
}

export function isDockerHub(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'docker.io' || h === 'index.docker.io' || h === 'registry-1.docker.io' || h === 'registry.hub.docker.com' || h === 'hub.docker.com';
}

/** `docker.io/library/x:latest` etc. */
export function formatReference(r: ImageReference): string {
  return `${r.domain}/${r.path}${r.tag ? ':' + r.tag : ''}${r.digest ? '@' + r.digest : ''}`;
}

/** The short form the CLI shows (`x:1`, `user/x`, `ghcr.io/o/x`). */
export function familiarName(r: ImageReference): string {
  let name = r.domain === DOCKER_HUB ? r.path.replace(/^library\//, '') : `${r.domain}/${r.path}`;
  if (r.tag) name += ':' + r.tag;
  if (r.digest) name += '@' + r.digest;
  return name;
}

/** Repository without tag, as the engine's tag/push endpoints want it. */
export function repositoryOf(r: ImageReference): string {
  return r.domain === DOCKER_HUB ? r.path.replace(/^library\//, '') : `${r.domain}/${r.path}`;
}

/**
 * Normalises a registry host or a config.json key (`https://index.docker.io/v1/`, `ghcr.io`,
 * `http://localhost:5000/v2/`) to a bare host[:port]; Docker Hub aliases become docker.io.
 */
export function normaliseRegistryHost(s: string): string {
  let h = s.trim();
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  h = h.split('/')[0];
  h = h.toLowerCase();
  return isDockerHub(h) ? DOCKER_HUB : h;
}

/** The server URL to hand to credential helpers and to put in the engine's auth config. */
export function credentialServerUrl(host: string): string {
  const h = normaliseRegistryHost(host);
  return h === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : h;
}
