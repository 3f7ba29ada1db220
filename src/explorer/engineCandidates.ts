// The engines a user could mean, for the "Choose Engine" picker: DOCKER_HOST, the docker contexts,
// the default and rootless Docker sockets, Podman sockets. Pure: file access comes in as functions.
import * as path from 'node:path';
import { contextDirName, dockerConfigDir } from '../docker/endpoint';

export interface EngineCandidate {
  /** What the `mlContainers.engine.host` setting would hold ('' = resolve like the docker CLI). */
  readonly host: string;
  readonly label: string;
  readonly detail: string;
}

export interface CandidateInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  exists(p: string): boolean;
  readDir(p: string): string[];
  readFile(p: string): string | undefined;
}

function unix(p: string): string {
  return `unix://${p}`;
}

export function engineCandidates(input: CandidateInput): EngineCandidate[] {
  const out: EngineCandidate[] = [];
  const add = (c: EngineCandidate): void => {
    if (!out.some((o) => o.host === c.host)) out.push(c);
  };
  add({ host: '', label: 'Automatic', detail: 'Resolve like the docker CLI: DOCKER_HOST, then the current docker context, then the default socket' });
  const envHost = input.env.DOCKER_HOST;
  if (envHost) add({ host: envHost, label: envHost, detail: 'DOCKER_HOST' });

  const configDir = dockerConfigDir(input.env, input.homeDir);
  const metaDir = path.join(configDir, 'contexts', 'meta');
  for (const dir of input.readDir(metaDir)) {
    const text = input.readFile(path.join(metaDir, dir, 'meta.json'));
    if (!text) continue;
    try {
      const meta = JSON.parse(text) as { Name?: unknown; Endpoints?: { docker?: { Host?: unknown } } };
      const host = meta.Endpoints?.docker?.Host;
      if (typeof meta.Name !== 'string' || typeof host !== 'string' || contextDirName(meta.Name) !== dir) continue;
      add({ host, label: host, detail: `docker context "${meta.Name}"` });
    } catch {
      // a broken context is the docker CLI's to report
    }
  }

  const sockets: [string, string][] = [
    ['/var/run/docker.sock', 'Docker (default socket)'],
    ...(input.env.XDG_RUNTIME_DIR ? [[path.join(input.env.XDG_RUNTIME_DIR, 'docker.sock'), 'Docker (rootless)'] as [string, string]] : []),
    ...(input.env.XDG_RUNTIME_DIR ? [[path.join(input.env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'), 'Podman (rootless)'] as [string, string]] : []),
    ['/run/podman/podman.sock', 'Podman (system)'],
  ];
  for (const [p, what] of sockets) if (input.exists(p)) add({ host: unix(p), label: unix(p), detail: what });
  return out;
}
