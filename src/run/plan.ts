// The pure part of the run feature: port specs as the docker CLI writes them. Profiles (mounts, env,
// GPUs, …) are read and written by ./profiles; the engine request by ../docker/run/options. No vscode import.
import type { PortOption, RunOptions } from '../docker/run/options';

/** `8888`, `8080:80`, `127.0.0.1:8080:80`, `127.0.0.1::80`, `5000/udp`; a message when it is none of these. */
export function parsePortSpec(spec: string): PortOption | string {
  const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp))?$/i.exec(spec.trim());
  if (!m) return 'Use [host-ip:][host-port:]container-port[/udp], e.g. 8888 or 127.0.0.1:8888:8888';
  const container = Number(m[3]);
  const host = m[2] ? Number(m[2]) : undefined;
  if (container < 1 || container > 65535 || (host !== undefined && (host < 1 || host > 65535))) return 'Ports are 1–65535';
  const out: PortOption = { container };
  if (host) out.host = host;
  if (m[1]) out.hostIp = m[1].replace(/^\[|\]$/g, '');
  if (m[4]?.toLowerCase() === 'udp') out.protocol = 'udp';
  return out;
}

/** What a run profile grants the container that a committed file should not grant silently. */
export function profileRisks(o: Pick<RunOptions, 'mounts' | 'network' | 'ipcHost'>, homeDir: string): string[] {
  const risks: string[] = [];
  const clean = (p: string): string => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p);
  const home = clean(homeDir);
  for (const m of o.mounts ?? []) {
    const src = clean(m.source);
    const rw = m.readOnly ? 'read-only' : 'read-write';
    if (src === '/') risks.push(`mounts the whole host file system (/) ${rw} at ${m.target}`);
    else if (src === home || (home.startsWith(src + '/') && src !== '')) risks.push(`mounts your home folder (${m.source}) ${rw} at ${m.target}`);
    else if (/(^|\/)(docker|podman)\.sock$/.test(src)) risks.push(`mounts the container engine's socket (${m.source}): the container can control the engine, i.e. the host`);
    else if (src === '/etc' || src.startsWith('/etc/') || src === '/root' || src.startsWith('/root/') || src === '/var/run' || src === '/run') {
      risks.push(`mounts the system folder ${m.source} ${rw}`);
    }
  }
  if (o.network === 'host') risks.push("uses the host's network: its servers listen on the host's interfaces");
  if (o.ipcHost) risks.push("shares the host's IPC namespace (--ipc=host)");
  return risks;
}
