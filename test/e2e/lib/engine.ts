// Direct access to the private test engine and registries, to check what the UI claims.
import * as http from 'node:http';

function socketPath(): string {
  const host = process.env.DOCKER_HOST ?? '';
  if (!host.startsWith('unix://')) throw new Error(`DOCKER_HOST must be the private engine's unix socket (got "${host}")`);
  return host.slice('unix://'.length);
}

export interface EngineResponse { status: number; json: unknown; text: string }

export function engine(method: string, path: string, body?: unknown): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { socketPath: socketPath(), path, method, headers: payload ? { 'Content-Type': 'application/json' } : {}, timeout: 30000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => { text += d; });
        res.on('end', () => {
          let json: unknown;
          try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
          resolve({ status: res.statusCode ?? 0, json, text });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`engine ${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Every repo:tag the engine has. */
export async function imageTags(): Promise<string[]> {
  const r = await engine('GET', '/images/json');
  const images = (r.json ?? []) as { RepoTags?: string[] | null }[];
  return images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
}

export interface ContainerSummary { Id: string; Names: string[]; Image: string; State: string; Status: string; Labels?: Record<string, string> | null }

export async function containers(): Promise<ContainerSummary[]> {
  return ((await engine('GET', '/containers/json?all=1')).json ?? []) as ContainerSummary[];
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  State: { Running: boolean; Status: string };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
  Config: { Env?: string[] | null; Cmd?: string[] | null };
  HostConfig: { Binds?: string[] | null; DeviceRequests?: unknown[] | null; AutoRemove?: boolean };
}

export async function inspectContainer(id: string): Promise<ContainerInspect> {
  return (await engine('GET', `/containers/${encodeURIComponent(id)}/json`)).json as ContainerInspect;
}

/** Removes a container (force): cleanup of what a scenario started through the UI. */
export async function removeContainer(id: string): Promise<void> {
  await engine('DELETE', `/containers/${encodeURIComponent(id)}?force=1`);
}

/** Tags a registry holds for a repository (distribution HTTP API v2). */
export function registryTags(registry: string, name: string, auth?: { user: string; password: string }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = auth ? { Authorization: 'Basic ' + Buffer.from(`${auth.user}:${auth.password}`).toString('base64') } : {};
    http.get(`http://${registry}/v2/${name}/tags/list`, { headers, timeout: 10000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => {
        if (res.statusCode === 404) return resolve([]);
        if (res.statusCode !== 200) return reject(new Error(`registry ${registry} answered ${res.statusCode}: ${text}`));
        resolve(((JSON.parse(text) as { tags?: string[] | null }).tags) ?? []);
      });
    }).on('error', reject);
  });
}
