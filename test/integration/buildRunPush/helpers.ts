// Shared helpers for the build/run/push integration tests (private engine from scripts/with-test-env.sh).
import Dockerode from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The private engine is Podman (ML_TEST_ENGINE=podman): no BuildKit, and a few documented differences. */
export const ON_PODMAN = process.env.ML_TEST_ENGINE === 'podman';

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the integration tests through scripts/with-test-env.sh (npm run test:integration)`);
  return v;
}

export function docker(): Dockerode {
  requireEnv('ML_TEST_DOCKER_HOST');
  return new Dockerode();
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mlc-${prefix}-`));
}

/** Writes files (relative path → content) under dir; a number makes a sparse file of that size. */
export function writeTree(dir: string, files: Record<string, string | number>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'number') {
      fs.writeFileSync(p, '');
      fs.truncateSync(p, content);
    } else fs.writeFileSync(p, content);
  }
}

/** A context folder with busybox in it, ready for `FROM scratch` + `COPY busybox /bin/busybox`. */
export function busyboxContext(prefix: string, files: Record<string, string | number> = {}): string {
  const dir = tmpDir(prefix);
  fs.copyFileSync(requireEnv('ML_TEST_BUSYBOX'), path.join(dir, 'busybox'));
  fs.chmodSync(path.join(dir, 'busybox'), 0o755);
  writeTree(dir, files);
  return dir;
}

export const BUSYBOX_PREAMBLE = 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n';

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a command in a throw-away container (no network) and returns its output and exit code. */
export async function runToEnd(d: Dockerode, image: string, cmd: string[], binds: string[] = []): Promise<{ code: number; output: string }> {
  const c = await d.createContainer({ Image: image, Cmd: cmd, Tty: true, HostConfig: { NetworkMode: 'none', Binds: binds } });
  try {
    await c.start();
    const res = (await c.wait()) as { StatusCode: number };
    const out = (await c.logs({ stdout: true, stderr: true })) as unknown as Buffer;
    return { code: res.StatusCode, output: out.toString('utf8') };
  } finally {
    await c.remove({ force: true });
  }
}

/** Processes on this machine whose argv satisfies `pred` (the test engine runs locally, as root). */
export function processesMatching(pred: (argv: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
      if (pred(argv)) pids.push(Number(e));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}
