// Shared setup for the explorer integration tests: the private engine from scripts/with-test-env.sh
// (never the default /var/run/docker.sock), a FROM-scratch busybox image, and waiting on the model's
// change events with a timeout (no fixed sleeps).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import type { Engine } from '../../../src/docker/engine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import type { ExplorerModel } from '../../../src/explorer/explorerModel';

export const run = promisify(execFile);
export const REPO = path.resolve(__dirname, '../../..');

/** Which private engine scripts/with-test-env.sh started (ML_TEST_ENGINE=podman for Podman). */
export const TEST_ENGINE: 'docker' | 'podman' = process.env.ML_TEST_ENGINE === 'podman' ? 'podman' : 'docker';

/** The script that starts and stops the private engine in ML_TEST_ENGINE_DIR. */
export function engineScript(): string {
  return path.join(REPO, 'scripts/test-env', TEST_ENGINE === 'podman' ? 'podman.sh' : 'engine.sh');
}

export function testHost(): string {
  const host = process.env.ML_TEST_DOCKER_HOST;
  if (!host) throw new Error('ML_TEST_DOCKER_HOST is not set: run through scripts/with-test-env.sh (npm run test:integration).');
  if (/\/var\/run\/docker\.sock$|\/run\/docker\.sock$/.test(host)) throw new Error(`refusing to test against the default engine ${host}`);
  return host;
}

export function testSocketPath(): string {
  return testHost().replace(/^unix:\/\//, '');
}

export function testEngine(): DockerodeEngine {
  return new DockerodeEngine(resolveEndpoint({ settingHost: testHost(), env: {} }));
}

/** The docker CLI pointed at the private engine (setup only; the code under test uses the Engine API). */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: testHost(), DOCKER_BUILDKIT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

let baseImage: Promise<string> | undefined;

/** A tiny FROM-scratch image with busybox (TESTING.md recipe), built once per run. */
export function busyboxImage(): Promise<string> {
  baseImage ??= (async () => {
    const tag = 'mltest/busybox:explorer';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-img-'));
    fs.copyFileSync(process.env.ML_TEST_BUSYBOX ?? '/bin/busybox', path.join(dir, 'busybox'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'ENV CUDA_VERSION=12.1.1 PYTORCH_VERSION=2.3.0',
        'LABEL com.nvidia.cuda.version=12.1.1',
        'CMD ["/bin/sh", "-c", "echo hello; sleep 3600"]',
        '',
      ].join('\n'),
    );
    await docker('build', '-q', '-t', tag, dir);
    fs.rmSync(dir, { recursive: true, force: true });
    return tag;
  })();
  return baseImage;
}

/** Resolves when `predicate(model)` holds — checked now and on every model change — or rejects after `timeoutMs`. */
export function waitForModel(model: ExplorerModel, predicate: (m: ExplorerModel) => boolean, what: string, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    if (predicate(model)) return resolve(0);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`));
    }, timeoutMs);
    const sub = model.onDidChange(() => {
      if (predicate(model)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(Date.now() - start);
      }
    });
  });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Calls the model made to the engine, counted by the test, not by the code under test. */
export interface EngineCalls {
  images: number;
  containers: number;
  /** Event streams opened successfully (the first connect and every reconnect). */
  eventStreams: number;
  /** Events delivered through those streams. */
  events: number;
}

/** Wraps an engine so the test can count list calls, event streams and events. */
export function countingEngine(engine: Engine): { engine: Engine; calls: EngineCalls } {
  const calls: EngineCalls = { images: 0, containers: 0, eventStreams: 0, events: 0 };
  const counted: Partial<Engine> = {
    listImages: (opts) => { calls.images++; return engine.listImages(opts); },
    listContainers: (opts) => { calls.containers++; return engine.listContainers(opts); },
    events: async (opts) => {
      const stream = await engine.events(opts);
      calls.eventStreams++;
      return {
        close: () => stream.close(),
        async *[Symbol.asyncIterator]() {
          for await (const e of stream) {
            calls.events++;
            yield e;
          }
        },
      };
    },
  };
  const wrapped = new Proxy(engine, {
    get: (target, key, receiver) => (key in counted ? counted[key as keyof Engine] : Reflect.get(target, key, receiver)),
  });
  return { engine: wrapped, calls };
}
