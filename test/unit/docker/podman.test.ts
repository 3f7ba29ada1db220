// Where the client adapts to Podman's Docker-compatible API: telling the engines apart from /version,
// image names, Buildah's build output, the refusal to remove a running container, loopback registries.
import * as assert from 'node:assert/strict';
import { BuildProgress } from '../../../src/docker/build/progress';
import { engineProduct, familiarImageName, productOf } from '../../../src/docker/engineKind';
import { ConflictError, toEngineError } from '../../../src/docker/errors';
import { classifyPullError } from '../../../src/docker/pull/pull';
import { isLoopbackRegistry } from '../../../src/docker/push/push';

describe('Podman adaptations', () => {
  it('tells Podman from Docker by /version', async () => {
    assert.deepEqual(engineProduct({ Version: '4.3.1', Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine', Version: '4.3.1' }, { Name: 'Conmon', Version: '2.1.6' }] }),
      { kind: 'podman', label: 'Podman Engine 4.3.1', version: '4.3.1' });
    assert.deepEqual(engineProduct({ Version: '20.10.24', Platform: { Name: '' }, Components: [{ Name: 'Engine', Version: '20.10.24' }, { Name: 'containerd', Version: '1.6' }] }),
      { kind: 'docker', label: 'Docker Engine 20.10.24', version: '20.10.24' });
    assert.equal(engineProduct({ Version: '27.1.1', Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine', Version: '27.1.1' }] }).label, 'Docker Engine - Community 27.1.1');
    let calls = 0;
    const client = { version: async () => { calls++; return { Components: [{ Name: 'Podman Engine', Version: '5.0.0' }] }; } };
    assert.equal((await productOf(client)).kind, 'podman');
    assert.equal((await productOf(client)).kind, 'podman');
    assert.equal(calls, 1, 'asked once per client');
    assert.equal((await productOf({ version: () => Promise.reject(new Error('down')) })).kind, 'docker');
    assert.equal((await productOf({} as never)).kind, 'docker', 'a client without version() counts as Docker');
  });

  it('shows Docker Hub names as the docker CLI does; other registries and localhost/ stay', () => {
    assert.deepEqual(['docker.io/library/busybox:1', 'docker.io/mlc-it/x:1', 'docker.io/u/x@sha256:ab', 'localhost/x:1', 'ghcr.io/a/b:1', 'busybox', 'docker.io/library/a/b:1'].map(familiarImageName),
      ['busybox:1', 'mlc-it/x:1', 'u/x@sha256:ab', 'localhost/x:1', 'ghcr.io/a/b:1', 'busybox', 'library/a/b:1']);
  });

  it('reads Buildah steps (STEP n/m:) and cache hits like the classic builder', () => {
    const steps: string[] = [];
    const p = new BuildProgress({ onStep: (s) => steps.push(`${s.index}/${s.total} ${s.text}`) });
    p.push({ stream: 'STEP 1/3: FROM scratch\n' });
    p.push({ stream: 'STEP 2/3: COPY busybox /bin/busybox\n' });
    p.push({ stream: '--> Using cache 0e87df6c0ec3\n' });
    p.push({ stream: 'STEP 3/3: RUN exit 7\n' });
    p.push({ errorDetail: { message: 'building at STEP "RUN exit 7": while running runtime: exit status 7\n' }, error: 'x' });
    assert.deepEqual(steps, ['1/3 FROM scratch', '2/3 COPY busybox /bin/busybox', '3/3 RUN exit 7']);
    assert.equal(p.steps.get('step-2')?.cached, true);
    assert.equal(p.failedStep?.index, 3);
  });

  it("Podman's 500 for removing a running container is a conflict", () => {
    const err = toEngineError({ statusCode: 500, json: { message: 'cannot remove container abc as it is running - running or paused containers cannot be removed without force: container state improper' } });
    assert.ok(err instanceof ConflictError);
    assert.match(err.message, /running container must be stopped or force-removed/);
  });

  it('loopback registries', () => {
    for (const h of ['localhost:5000', '127.0.0.1:5001', '127.1.2.3', '[::1]:5000', 'localhost']) assert.ok(isLoopbackRegistry(h), h);
    for (const h of ['docker.io', 'registry.local:5000', '10.0.0.1:5000', '128.0.0.1']) assert.ok(!isLoopbackRegistry(h), h);
  });

  it('a plain-HTTP registry: the pull error says how to mark it insecure on either engine', () => {
    const e = classifyPullError('initializing source docker://127.0.0.1:5997/t/p:1: pinging container registry 127.0.0.1:5997: Get "https://127.0.0.1:5997/v2/": http: server gave HTTP response to HTTPS client', '127.0.0.1:5997/t/p:1');
    assert.equal(e.code, 'unreachable');
    assert.match(e.message, /insecure-registries.*registries\.conf/);
  });
});
