import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decodeStatusResponse, decodeTraceAux } from '../../../src/docker/build/buildkitTrace';
import { readFields } from '../../../src/docker/build/protobuf';
import { ProtoWriter } from '../helpers/protoWriter';
import { BuildMessage, BuildProgress } from '../../../src/docker/build/progress';

const FIX = path.join(__dirname, '../../fixtures/buildRunPush');
function messages(file: string): BuildMessage[] {
  return fs.readFileSync(path.join(FIX, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BuildMessage);
}

describe('protobuf wire reader', () => {
  it('reads varints, negative int64, strings and nested messages written by the encoder', () => {
    const inner = new ProtoWriter().int(1, 1700000000).int(2, 5000000);
    const buf = new ProtoWriter().bytes(1, 'héllo').int(4, -1).message(5, inner).int(3, 300).finish();
    const f = readFields(buf);
    assert.deepStrictEqual(f.map((x) => x.field), [1, 4, 5, 3]);
    assert.strictEqual(f[0].data.value.toString(), 'héllo');
    assert.strictEqual(BigInt.asIntN(64, f[1].data.value as bigint), -1n);
    assert.strictEqual(f[3].data.value, 300n);
  });
  it('rejects truncated input instead of reading past the end', () => {
    const buf = new ProtoWriter().bytes(1, 'abcdef').finish();
    assert.throws(() => readFields(buf.subarray(0, 4)), /truncated/);
    assert.throws(() => readFields(Buffer.from([0x08, 0xff])), /truncated varint/);
  });
  it('decodes a StatusResponse with vertexes, statuses, logs and warnings', () => {
    const ts = new ProtoWriter().int(1, 1700000000).int(2, 0);
    const vertex = new ProtoWriter().bytes(1, 'sha256:aa').bytes(2, 'sha256:in').bytes(3, '[2/3] RUN pip install x')
      .int(4, 1).message(5, ts).message(6, ts).bytes(7, 'boom');
    const status = new ProtoWriter().bytes(1, 'layer1').bytes(2, 'sha256:aa').bytes(3, 'extracting').int(4, 50).int(5, 100);
    const log = new ProtoWriter().bytes(1, 'sha256:aa').message(2, ts).int(3, 2).bytes(4, Buffer.from('line\n'));
    const warn = new ProtoWriter().bytes(1, 'sha256:aa').int(2, 1).bytes(3, 'careful').bytes(4, 'd1').bytes(5, 'https://x');
    const r = decodeStatusResponse(new ProtoWriter().message(1, vertex).message(2, status).message(3, log).message(4, warn)
      .int(9, 7).finish()); // unknown field 9 is skipped
    assert.deepStrictEqual(r.vertexes[0], {
      digest: 'sha256:aa', inputs: ['sha256:in'], name: '[2/3] RUN pip install x', cached: true,
      started: 1700000000000, completed: 1700000000000, error: 'boom',
    });
    assert.strictEqual(r.statuses[0].current, 50);
    assert.strictEqual(r.statuses[0].total, 100);
    assert.strictEqual(r.logs[0].stream, 2);
    assert.strictEqual(r.logs[0].msg.toString(), 'line\n');
    assert.deepStrictEqual(r.warnings[0], { vertex: 'sha256:aa', level: 1, short: 'careful', detail: ['d1'], url: 'https://x' });
  });
  it('decodes every trace message a real engine sent', () => {
    const traces = messages('buildkit-fail.jsonl').filter((m) => m.id === 'moby.buildkit.trace');
    assert.ok(traces.length > 5);
    const names = new Set<string>();
    for (const m of traces) for (const v of decodeTraceAux(m.aux as string).vertexes) names.add(v.name);
    assert.ok(names.has('[3/3] RUN echo hi && exit 3'), [...names].join(' | '));
  });
});

describe('BuildProgress', () => {
  it('folds a real BuildKit failure into steps, logs and the failed vertex', () => {
    const logs: string[] = [];
    const p = new BuildProgress({ onLog: (t) => logs.push(t) });
    for (const m of messages('buildkit-fail.jsonl')) p.push(m);
    assert.strictEqual(p.failedStep?.text, 'RUN echo hi && exit 3');
    assert.strictEqual(p.failedStep?.index, 3);
    assert.strictEqual(p.failedStep?.total, 3);
    assert.match(p.error ?? '', /exit code: 3/);
    assert.ok(logs.join('').includes(' hi\n'), 'the RUN output reaches the log');
    assert.strictEqual(p.describeCurrent(), 'step 3/3: RUN echo hi && exit 3');
  });
  it('folds a real classic-builder failure', () => {
    const steps: number[] = [];
    const p = new BuildProgress({ onStep: (s) => steps.push(s.index ?? 0) });
    for (const m of messages('classic-fail.jsonl')) p.push(m);
    assert.deepStrictEqual(steps, [1, 2, 3, 4]);
    assert.strictEqual(p.failedStep?.index, 4);
    assert.match(p.error ?? '', /returned a non-zero code: 3/);
  });
  it('reads the image id from both builders and ignores malformed trace data', () => {
    const p = new BuildProgress();
    p.push({ id: 'moby.buildkit.trace', aux: '////' });
    p.push({ id: 'moby.image.id', aux: { ID: 'sha256:abc' } });
    assert.strictEqual(p.imageId, 'sha256:abc');
    const c = new BuildProgress();
    c.push({ aux: { ID: 'sha256:def' } });
    assert.strictEqual(c.imageId, 'sha256:def');
    assert.strictEqual(c.error, undefined);
  });
  it('joins BuildKit log chunks that split a line', () => {
    const out: string[] = [];
    const p = new BuildProgress({ onLog: (t) => out.push(t) });
    const v = new ProtoWriter().bytes(1, 'd1').bytes(3, '[1/1] RUN x').message(5, new ProtoWriter().int(1, 1700000000));
    const chunk = (s: string) => new ProtoWriter().message(3, new ProtoWriter().bytes(1, 'd1').bytes(4, s)).finish().toString('base64');
    p.push({ id: 'moby.buildkit.trace', aux: new ProtoWriter().message(1, v).finish().toString('base64') });
    p.push({ id: 'moby.buildkit.trace', aux: chunk('hel') });
    p.push({ id: 'moby.buildkit.trace', aux: chunk('lo\nwor') });
    p.push({ id: 'moby.buildkit.trace', aux: chunk('ld\n') });
    assert.deepStrictEqual(out.slice(1), ['#1 hello\n', '#1 world\n']);
  });
});
