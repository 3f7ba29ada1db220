// Pull Image against the private engine and the open local registry: a pushed image comes back by
// reference; a missing tag and an unreachable registry give one clear sentence each.
import * as assert from 'node:assert/strict';
import type { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { PullError } from '../../../src/docker/pull/pull';
import { execFile } from 'node:child_process';
import { busyboxImage, docker, testEngine, testHost, uniqueName } from './helpers';

function buildWithLayer(base: string, tag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DOCKER_HOST: testHost(), DOCKER_BUILDKIT: '0' };
    const p = execFile('docker', ['build', '-q', '--network', 'none', '-t', tag, '-'], { env }, (err) => (err ? reject(err) : resolve()));
    p.stdin?.end(`FROM ${base}\nRUN echo ${tag} > /id\n`);
  });
}

describe('pull against a real registry', function () {
  this.timeout(60_000);
  let engine: DockerodeEngine;
  before(async () => {
    testHost();
    engine = testEngine();
    await busyboxImage();
  });
  after(() => engine?.dispose());

  it('pulls an image back from the registry after the local copy is gone', async function () {
    const registry = process.env.ML_TEST_OPEN_REGISTRY;
    if (!registry) throw new Error('ML_TEST_OPEN_REGISTRY is not set: run through scripts/with-test-env.sh');
    const ref = `${registry}/${uniqueName('mltest/pull')}:1`;
    // a layer of its own, so the pull has something to download
    await buildWithLayer(await busyboxImage(), ref);
    await docker('push', ref);
    await docker('rmi', ref);
    const steps: string[] = [];
    const result = await engine.pull(ref, undefined, { onProgress: (done, total) => steps.push(`${done}/${total}`) });
    assert.equal(result.reference, ref);
    assert.match(result.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.ok(steps.length > 0, 'layer progress reported');
    assert.ok((await engine.listImages()).some((i) => (i.RepoTags ?? []).includes(ref)));
    await docker('rmi', ref);
  });

  it('a tag the registry does not have, and a registry nobody listens on', async () => {
    const registry = process.env.ML_TEST_OPEN_REGISTRY!;
    await assert.rejects(engine.pull(`${registry}/mltest/nothing-here:0`, undefined), (e: unknown) => e instanceof PullError && e.code === 'notFound' && /not in the registry/.test(e.message));
    await assert.rejects(engine.pull('127.0.0.1:9/mltest/x:1', undefined), (e: unknown) => e instanceof PullError && e.code === 'unreachable');
  });
});
