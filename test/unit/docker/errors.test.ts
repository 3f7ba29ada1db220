import * as assert from 'node:assert/strict';
import {
  ApiTooOldError,
  CancelledError,
  ConflictError,
  EnginePermissionError,
  EngineTimeoutError,
  EngineUnreachableError,
  NotFoundError,
  UnauthorizedError,
  describeError,
  toEngineError,
} from '../../../src/docker/errors';
import { detectMlVersions, formatAge, formatSize, splitRepoTag } from '../../../src/docker/imageInfo';
import { JsonLinesParser, LogDemuxer } from '../../../src/docker/streams';

const endpoint = { host: 'unix:///var/run/docker.sock', sourceLabel: 'DOCKER_HOST' };
const sysErr = (code: string) => Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
const httpErr = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) x - ${message} `), { statusCode, json: { message } });

describe('toEngineError', () => {
  const cases: [string, unknown, new (...a: never[]) => Error, RegExp][] = [
    ['ENOENT', sysErr('ENOENT'), EngineUnreachableError, /socket does not exist.*Is Docker running/],
    ['ECONNREFUSED', sysErr('ECONNREFUSED'), EngineUnreachableError, /refused/],
    ['EACCES', sysErr('EACCES'), EnginePermissionError, /Permission denied.*"docker" group/],
    ['ETIMEDOUT', sysErr('ETIMEDOUT'), EngineTimeoutError, /did not answer/],
    ['404', httpErr(404, 'No such container: x'), NotFoundError, /No such container: x/],
    ['409', httpErr(409, 'container is running'), ConflictError, /container is running/],
    ['401', httpErr(401, 'unauthorized'), UnauthorizedError, /docker login/],
    ['500 auth', httpErr(500, 'no basic auth credentials'), UnauthorizedError, /docker login/],
    ['400 old API', httpErr(400, 'client version 1.41 is too new. Maximum supported API version is 1.39'), ApiTooOldError, /Upgrade/],
    ['AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' }), CancelledError, /Cancelled/],
  ];
  for (const [name, raw, cls, message] of cases) {
    it(`${name} → ${cls.name}`, () => {
      const e = toEngineError(raw, endpoint);
      assert.ok(e instanceof cls, `${e.name}: ${e.message}`);
      assert.match(e.message, message);
    });
  }
  it('names the endpoint and its source', () => {
    assert.match(toEngineError(sysErr('ENOENT'), endpoint).message, /unix:\/\/\/var\/run\/docker\.sock \(from DOCKER_HOST\)/);
  });
  it('is idempotent and silent for cancellation', () => {
    const e = toEngineError(sysErr('ENOENT'), endpoint);
    assert.equal(toEngineError(e), e);
    assert.equal(describeError(new CancelledError()), undefined);
  });
});

describe('streams', () => {
  it('demuxes stdout/stderr frames split across chunks', () => {
    const frame = (type: number, text: string) => {
      const body = Buffer.from(text);
      const h = Buffer.alloc(8);
      h[0] = type;
      h.writeUInt32BE(body.length, 4);
      return Buffer.concat([h, body]);
    };
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops\n'), frame(1, 'wörld\n')]);
    const d = new LogDemuxer();
    const out = [...d.push(all.subarray(0, 5)), ...d.push(all.subarray(5, 20)), ...d.push(all.subarray(20))];
    assert.deepEqual(out, [
      { stream: 'stdout', text: 'hello ' },
      { stream: 'stderr', text: 'oops\n' },
      { stream: 'stdout', text: 'wörld\n' },
    ]);
  });
  it('parses JSON lines across chunks and skips garbage', () => {
    const bad: string[] = [];
    const p = new JsonLinesParser<{ a: number }>((l) => bad.push(l));
    assert.deepEqual([...p.push('{"a":1}\n{"a"'), ...p.push(':2}\nnope\n{"a":3}'), ...p.flush()], [{ a: 1 }, { a: 2 }, { a: 3 }]);
    assert.deepEqual(bad, ['nope']);
  });
});

describe('image presentation helpers', () => {
  it('formats sizes like the docker CLI and ages in words', () => {
    assert.equal(formatSize(1985472), '1.99 MB');
    assert.equal(formatSize(12_345_678_901), '12.3 GB');
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatAge(0, 5_000), 'just now');
    assert.equal(formatAge(0, 2 * 3600_000), '2 hours ago');
    assert.equal(formatAge(0, 400 * 86400_000), '1 year ago');
  });
  it('splits references with registry ports', () => {
    assert.deepEqual(splitRepoTag('localhost:5000/a/b:v1'), { repository: 'localhost:5000/a/b', tag: 'v1' });
    assert.deepEqual(splitRepoTag('localhost:5000/a/b'), { repository: 'localhost:5000/a/b', tag: 'latest' });
  });
  it('detects CUDA and framework versions from env (wins) and labels', () => {
    assert.deepEqual(
      detectMlVersions(['PATH=/x', 'CUDA_VERSION=12.4.1', 'NV_CUDNN_VERSION=9.1.0.70-1', 'PYTORCH_VERSION=2.4.0', 'NVIDIA_REQUIRE_CUDA=cuda>=12.4'], {
        'com.nvidia.cuda.version': '12.0',
        'com.nvidia.tensorflow.version': '2.15',
      }),
      { cuda: '12.4.1', cudnn: '9.1.0.70-1', pytorch: '2.4.0', tensorflow: '2.15', nvidiaRequireCuda: 'cuda>=12.4' },
    );
    assert.deepEqual(detectMlVersions(null, null), {});
  });
});
