// Image and container actions of the explorer through the Engine interface, against the private engine:
// tag, history with sizes, remove, prune dangling with the reclaimed space, and state changes.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { ConflictError, NotFoundError } from '../../../src/docker/errors';
import { formatHistory } from '../../../src/docker/imageInfo';
import { busyboxImage, docker, testEngine, testHost, uniqueName } from './helpers';

describe('explorer actions against a real engine', function () {
  this.timeout(60_000);
  let engine: DockerodeEngine;

  before(async () => {
    engine = testEngine();
    await busyboxImage();
  });
  after(() => engine?.dispose());

  it('tags an image, shows its history with sizes, and removes the tag', async () => {
    const base = await busyboxImage();
    const repo = uniqueName('127.0.0.1:5999/team/tagged');
    await engine.tagImage(base, repo, 'v2');
    const inspect = await engine.inspectImage(`${repo}:v2`);
    assert.ok(inspect.RepoTags.includes(`${repo}:v2`));
    const history = await engine.imageHistory(`${repo}:v2`);
    const text = formatHistory(`${repo}:v2`, history, Date.now());
    assert.match(text, /layers, \d\.\d+ MB in total/);
    assert.match(text, /COPY file:[0-9a-f]+ in \/bin\/busybox/);
    const removed = await engine.removeImage(`${repo}:v2`);
    assert.deepEqual(removed, [{ Untagged: `${repo}:v2` }]);
    await assert.rejects(engine.inspectImage(`${repo}:v2`), NotFoundError);
  });

  it('prunes dangling images and reports the space reclaimed', async () => {
    const base = await busyboxImage();
    // a dangling image: build a child image, then move its tag to another image
    const tag = uniqueName('mltest/dangle');
    const id = await buildChild(base, tag);
    await engine.tagImage(base, tag, 'x'); // moves the tag: the child is now dangling
    const dangling = await engine.listImages({ danglingOnly: true });
    assert.ok(dangling.some((i) => i.Id === id), 'the child is dangling');
    const result = await engine.pruneImages();
    assert.ok((result.ImagesDeleted ?? []).some((d) => d.Deleted === id), JSON.stringify(result));
    assert.ok(result.SpaceReclaimed >= 0);
    await engine.removeImage(`${tag}:x`);
  });

  it('removing a running container without force is a ConflictError; with force it goes', async () => {
    const name = uniqueName('mlx-conflict');
    const id = await docker('run', '-d', '--network', 'none', '--name', name, await busyboxImage());
    try {
      await assert.rejects(engine.removeContainer(id), (err: unknown) => err instanceof ConflictError && /running container/i.test(err.message));
      await engine.restartContainer(id, { graceSeconds: 0 });
      assert.equal((await engine.inspectContainer(id)).State.Running, true);
    } finally {
      await engine.removeContainer(id, { force: true });
    }
    await assert.rejects(engine.inspectContainer(id), NotFoundError);
  });

  it('kills a container that ignores SIGTERM at once (exit 137), where stop would wait', async () => {
    const name = uniqueName('mlx-kill');
    // sh as PID 1 ignores SIGTERM: only SIGKILL ends it
    const id = await docker('run', '-d', '--network', 'none', '--name', name, await busyboxImage(), 'sh', '-c', "trap '' TERM; while true; do sleep 1; done");
    try {
      await engine.killContainer(id);
      const state = (await engine.inspectContainer(id)).State;
      assert.equal(state.Running, false);
      assert.equal(state.ExitCode, 137);
    } finally {
      await engine.removeContainer(id, { force: true });
    }
  });
});

/** A child image of `base` with a distinct id (a label), tagged `${tag}:x`; returns its id. */
async function buildChild(base: string, tag: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DOCKER_HOST: testHost(), DOCKER_BUILDKIT: '0' };
    // Docker prints the id as sha256:…, Podman as the bare hex digest.
    const p = execFile('docker', ['build', '-q', '-t', `${tag}:x`, '-'], { env }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim().replace(/^(?!sha256:)/, 'sha256:'))));
    p.stdin?.end(`FROM ${base}\nLABEL dangle=${tag}\n`);
  });
}
