import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import type Dockerode from 'dockerode';
import { BuildFailedError, isBuildKitUnavailable, runBuild } from '../../../src/docker/build/build';

interface DialOpts { path: string; options: Record<string, unknown>; file: Readable }

/** A fake engine: refuses BuildKit like an engine without it, builds classic, records requests. */
function fakeDocker(calls: Record<string, unknown>[]): Dockerode {
  const modem = {
    dial(o: DialOpts, cb: (err: unknown, stream?: Readable) => void) {
      calls.push(o.options);
      if (o.options.version === '2') {
        o.file.resume();
        cb(Object.assign(new Error('(HTTP code 400) unexpected - buildkit not supported by daemon'), { statusCode: 400, json: { message: 'buildkit not supported by daemon' } }));
        return;
      }
      // like the engine: read the whole context, then answer
      o.file.on('end', () => cb(null, Readable.from([
        '{"stream":"Step 1/1 : FROM scratch\\n"}\n{"stream":" ---\\u003e \\n"}\n',
        '{"aux":{"ID":"sha256:1234"}}\n{"stream":"Successfully built 1234\\n"}\n',
      ])));
      o.file.resume();
    },
  };
  return { modem } as unknown as Dockerode;
}

describe('runBuild builder selection', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-fb-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');

  it('falls back to the classic builder when the engine refuses BuildKit, and says so', async () => {
    const calls: Record<string, unknown>[] = [];
    const logs: string[] = [];
    const r = await runBuild(fakeDocker(calls), { dockerfile: path.join(dir, 'Dockerfile'), context: dir, tags: ['a:1', 'a:2'], buildArgs: { X: '1' }, target: 't', noCache: true, network: 'none' },
      { onLog: (t) => logs.push(t) });
    assert.strictEqual(r.builder, 'classic');
    assert.strictEqual(r.imageId, 'sha256:1234');
    assert.match(r.fallbackReason ?? '', /buildkit not supported/);
    assert.ok(logs.some((l) => /BuildKit is not available on this engine/.test(l)));
    assert.strictEqual(calls.length, 2);
    assert.strictEqual(calls[0].version, '2');
    assert.strictEqual(calls[1].version, undefined);
    assert.deepStrictEqual(calls[1].t, ['a:1', 'a:2']);
    assert.strictEqual(calls[1].buildargs, '{"X":"1"}');
    assert.deepStrictEqual([calls[1].target, calls[1].nocache, calls[1].networkmode, calls[1].dockerfile], ['t', '1', 'none', 'Dockerfile']);
    assert.ok(r.contextBytes > 0);
  });
  it('does not fall back when BuildKit was required', async () => {
    const err = await runBuild(fakeDocker([]), { dockerfile: path.join(dir, 'Dockerfile'), context: dir, tags: ['a:1'], builder: 'buildkit' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof BuildFailedError);
    assert.strictEqual(err.builder, 'buildkit');
  });
  it('recognises refusals but not ordinary build errors', () => {
    assert.ok(isBuildKitUnavailable('buildkit not supported by daemon'));
    assert.ok(isBuildKitUnavailable('BuildKit is disabled'));
    assert.ok(!isBuildKitUnavailable('executor failed running [/bin/sh -c exit 3]: exit code: 3'));
  });
});
