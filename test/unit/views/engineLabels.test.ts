import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { engineCandidates } from '../../../src/explorer/engineCandidates';
import { count, publishedUrls, shortEndpointLabel } from '../../../src/explorer/treeModel';

describe('engine labels and candidates', () => {
  it('tells two private sockets apart, and keeps the default short', () => {
    assert.equal(shortEndpointLabel({ host: 'unix:///var/run/docker.sock', protocol: 'unix', socketPath: '/var/run/docker.sock' }), 'docker.sock');
    const a = shortEndpointLabel({ host: 'unix:///tmp/a/engine/docker.sock', protocol: 'unix', socketPath: '/tmp/a/engine/docker.sock' });
    const b = shortEndpointLabel({ host: 'unix:///tmp/b/other/docker.sock', protocol: 'unix', socketPath: '/tmp/b/other/docker.sock' });
    assert.equal(a, 'engine/docker.sock');
    assert.notEqual(a, b);
    assert.equal(shortEndpointLabel({ host: 'tcp://gpu-box:2376', protocol: 'tcp', hostname: 'gpu-box', port: 2376 }), 'gpu-box:2376');
    assert.equal(shortEndpointLabel({ host: 'ssh://me@gpu', protocol: 'ssh', hostname: 'gpu', contextName: 'lab' }), 'lab');
  });

  it('counts in words', () => {
    assert.equal(count(1, 'image', 'images'), '1 image');
    assert.equal(count(2, 'image', 'images'), '2 images');
  });

  it('offers DOCKER_HOST, the contexts and the sockets that exist', () => {
    const home = '/home/u';
    const meta = path.join(home, '.docker', 'contexts', 'meta');
    const dir = createHash('sha256').update('lab').digest('hex');
    const files: Record<string, string> = { [path.join(meta, dir, 'meta.json')]: JSON.stringify({ Name: 'lab', Endpoints: { docker: { Host: 'ssh://me@gpu' } } }) };
    const list = engineCandidates({
      env: { DOCKER_HOST: 'tcp://x:2375', XDG_RUNTIME_DIR: '/run/user/1000' },
      homeDir: home,
      exists: (p) => p === '/run/user/1000/podman/podman.sock' || p === '/var/run/docker.sock',
      readDir: (p) => (p === meta ? [dir, 'junk'] : []),
      readFile: (p) => files[p],
    });
    assert.deepEqual(list.map((c) => c.host), ['', 'tcp://x:2375', 'ssh://me@gpu', 'unix:///var/run/docker.sock', 'unix:///run/user/1000/podman/podman.sock']);
    assert.match(list[2].detail, /lab/);
  });
});

describe('published ports as URLs', () => {
  it('one URL per host port, wildcard addresses as localhost, UDP left out', () => {
    assert.deepEqual(publishedUrls([
      { IP: '0.0.0.0', PrivatePort: 8888, PublicPort: 8888, Type: 'tcp' },
      { IP: '::', PrivatePort: 8888, PublicPort: 8888, Type: 'tcp' },
      { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
      { PrivatePort: 9000, Type: 'tcp' },
    ]).map((u) => u.url), ['http://127.0.0.1:8080/', 'http://localhost:8888/']);
  });
});
