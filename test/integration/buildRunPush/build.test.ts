import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BuildFailedError, runBuild } from '../../../src/docker/build/build';
import { CancelledError } from '../../../src/docker/errors';
import { readDockerfile } from '../../../src/build/dockerfileInfo';
import { mapFailedStep } from '../../../src/build/errorMapping';
import { BUSYBOX_PREAMBLE, busyboxContext, docker, ON_PODMAN, processesMatching, runToEnd, waitFor } from './helpers';

/** Podman has no BuildKit: only its classic (Buildah) builder is tested there. */
const builders = ON_PODMAN ? (['classic'] as const) : (['buildkit', 'classic'] as const);

describe('build (real engine)', function () {
  this.timeout(120000);
  const d = docker();

  for (const builder of builders) {
    it(`${builder}: sends exactly what .dockerignore allows, and tags the image`, async () => {
      const ctx = busyboxContext(`ign-${builder}`, {
        '.dockerignore': 'data\n!data/labels.csv\n**/*.ckpt\nsecrets.env\n',
        'train.py': 'print(1)\n', 'src/model.py': 'x\n', 'src/old.ckpt': 'x', 'secrets.env': 'TOKEN=x\n',
        'data/huge.bin': 50 * 1024 * 1024, 'data/labels.csv': 'a,b\n',
      });
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}COPY . /ctx\n`);
      const tag = `mlc-it/ignore-${builder}:1`;
      const r = await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [tag], network: 'none', builder, noCache: true });
      assert.strictEqual(r.builder, builder);
      assert.match(r.imageId ?? '', /^sha256:/);
      assert.ok(r.contextBytes < 5 * 1024 * 1024, `context ${r.contextBytes} bytes: the ignored 50 MB file was sent`);
      const inspect = await d.getImage(tag).inspect();
      assert.strictEqual(inspect.Id, r.imageId);
      const { output } = await runToEnd(d, tag, ['find', '/ctx', '-type', 'f']);
      const files = output.split(/\r?\n/).filter(Boolean).map((f) => f.replace('/ctx/', '')).filter((f) => f !== 'busybox').sort();
      assert.deepStrictEqual(files, ['.dockerignore', 'Dockerfile', 'data/labels.csv', 'src/model.py', 'train.py']);
    });

    it(`${builder}: a failing RUN is mapped to its Dockerfile line with the engine's message`, async () => {
      const ctx = busyboxContext(`fail-${builder}`);
      const text = `${BUSYBOX_PREAMBLE}RUN echo preparing\n\n# the next step fails\nRUN echo about to fail && \\\n    exit 7\nRUN echo never\n`;
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), text);
      const logs: string[] = [];
      const err = await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [`mlc-it/fail-${builder}:1`], network: 'none', builder },
        { onLog: (t) => logs.push(t) }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof BuildFailedError, `expected BuildFailedError, got ${String(err)}`);
      assert.match(err.message, /exit code: 7|non-zero code: 7|exit status 7/);
      const mapped = mapFailedStep(readDockerfile(text), builder, err.progress.failedStep, err.message);
      assert.deepStrictEqual([mapped?.startLine, mapped?.endLine], [6, 7], JSON.stringify(err.progress.failedStep));
      assert.ok(logs.join('').includes('about to fail'), 'the step output was streamed');
    });

    it(`${builder}: cancel aborts the build for real and the engine builds again`, async function () {
      // Podman 4.3 keeps building after the client disconnects (the cancel returns at once, the step runs on).
      if (ON_PODMAN) this.skip();
      const ctx = busyboxContext(`cancel-${builder}`);
      const marker = builder === 'buildkit' ? '41' : '43';
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}RUN sleep ${marker}\n`);
      const isSleep = (argv: string[]): boolean => argv.length >= 2 && /(^|\/)sleep$/.test(argv[argv.length - 2]) && argv[argv.length - 1] === marker;
      const ac = new AbortController();
      const started = Date.now();
      const build = runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [`mlc-it/cancel-${builder}:1`], network: 'none', builder, noCache: true },
        {}, ac.signal).then(() => undefined, (e: unknown) => e);
      // Wait until the step really runs (its process exists), then cancel.
      await waitFor('the sleep step to start', () => (processesMatching(isSleep).length > 0 ? true : undefined), 60000);
      ac.abort();
      const err = await build;
      assert.ok(err instanceof CancelledError, `expected CancelledError, got ${String(err)}`);
      await waitFor('the build process to go away', () => (processesMatching(isSleep).length === 0 ? true : undefined), 20000);
      assert.ok(Date.now() - started < Number(marker) * 1000, 'the build ended before the sleep would have');
      // The classic builder removes its intermediate container (forcerm) shortly after the cancel.
      await waitFor('no build container left', async () => {
        const containers = await d.listContainers({ all: true });
        return containers.some((c) => c.Command.includes(`sleep ${marker}`)) ? undefined : true;
      }, 20000);
      const again = busyboxContext(`again-${builder}`);
      fs.writeFileSync(path.join(again, 'Dockerfile'), `${BUSYBOX_PREAMBLE}RUN echo ok\n`);
      const r = await runBuild(d, { dockerfile: path.join(again, 'Dockerfile'), context: again, tags: [`mlc-it/again-${builder}:1`], network: 'none', builder });
      assert.match(r.imageId ?? '', /^sha256:/);
    });
  }

  it('buildkit: RUN --mount=type=cache works (the reason to prefer BuildKit), build args and target stage apply', async () => {
    const ctx = busyboxContext('bk-cache');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'),
      `${BUSYBOX_PREAMBLE.replace('FROM scratch', 'FROM scratch AS base')}ARG GREETING=none\nRUN --mount=type=cache,target=/root/.cache echo "$GREETING" > /root/.cache/x && echo "$GREETING" > /greeting\n` +
      'FROM scratch AS other\nCOPY --from=0 /bin/busybox /bin/busybox\nRUN ["/bin/busybox", "false"]\n');
    const r = await runBuild(d, {
      dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['mlc-it/bk-cache:1'], network: 'none', builder: 'auto',
      buildArgs: { GREETING: 'hello-arg' }, target: 'base',
    });
    assert.strictEqual(r.builder, ON_PODMAN ? 'classic' : 'buildkit');
    if (ON_PODMAN) assert.match(r.fallbackReason ?? '', /Podman Engine [\d.]+ has no BuildKit/);
    const { output } = await runToEnd(d, 'mlc-it/bk-cache:1', ['cat', '/greeting']);
    assert.strictEqual(output.trim(), 'hello-arg');
  });

  it('podman: asking for BuildKit explicitly is a clear error, not a silent classic build', async function () {
    if (!ON_PODMAN) this.skip();
    const ctx = busyboxContext('podman-bk');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), BUSYBOX_PREAMBLE);
    const err = await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['mlc-it/podman-bk:1'], network: 'none', builder: 'buildkit' })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof BuildFailedError, String(err));
    assert.match(err.message, /Podman Engine [\d.]+ has no BuildKit/);
  });
});
