import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { COMPOSE_RULES, lintCompose } from '../../../src/compose/hints';
import type { Problem } from '../../../src/lint/types';
import { applyEdits } from '../lint/helpers';

function only(code: string, text: string): Problem[] {
  return lintCompose(text).filter((p) => p.code === code);
}

/** Applies fix `i` of the single finding of `code`; the result must still be valid YAML. */
function fixed(code: string, text: string, i = 0): string {
  const found = only(code, text);
  assert.equal(found.length, 1, JSON.stringify(found));
  const f = found[0].fixes?.[i];
  assert.ok(f, `no fix ${i} for ${code}`);
  const out = applyEdits(text, f.edits);
  assert.equal(parseDocument(out).errors.length, 0, out);
  return out;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('compose hints', () => {
  it('every rule has a code, level and title', () => {
    assert.equal(new Set(COMPOSE_RULES.map((r) => r.code)).size, COMPOSE_RULES.length);
  });

  it('a clean ML compose file has no findings', () => {
    const text = lines(
      'services:',
      '  api:',
      '    build: .',
      '    ports: ["127.0.0.1:8000:8000"]',
      '    environment:',
      '      DATABASE_PASSWORD: ${DATABASE_PASSWORD}',
      '      TOKENIZERS_PARALLELISM: "false"',
      '      MAX_TOKENS: 512',
      '    command: uvicorn app:app --host 0.0.0.0',
      '    healthcheck:',
      '      test: ["CMD", "python3", "-c", "print(1)"]',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '    volumes:',
      '      - ./models:/models:ro',
      '      - hf-cache:/root/.cache/huggingface',
      '  db:',
      '    image: postgres:16',
      '    environment: [POSTGRES_PASSWORD_FILE=/run/secrets/pg]',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready"]',
      '  trainer:',
      '    image: pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime',
      '    shm_size: 8gb',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          devices:',
      '            - driver: nvidia',
      '              count: all',
      '              capabilities: [gpu]',
      'volumes:',
      '  hf-cache:',
      'x-common: &c { restart: always }',
    );
    assert.deepEqual(lintCompose(text), []);
  });

  it('empty, null and malformed input never throws', () => {
    for (const t of ['', '# nothing\n', 'services:\n', '- a\n- b\n', 'services: [1, 2]\n', 'services:\n  a: 3\n', '\t\u0000:::\n', '{{{']) {
      assert.doesNotThrow(() => lintCompose(t), t);
    }
    assert.deepEqual(lintCompose(''), []);
    assert.equal(only('MLC002', '- a\n')[0].message, 'A compose file must be a mapping with a `services` key.');
  });

  describe('MLC001 YAML errors', () => {
    it('reports a syntax error at its position', () => {
      const p = only('MLC001', 'services:\n  api:\n    image: x\n    ports: [8000\n');
      assert.ok(p.length >= 1);
      assert.equal(p[0].level, 'error');
      assert.ok(p[0].line >= 4, JSON.stringify(p[0]));
    });
    it('reports duplicate keys', () => {
      const p = only('MLC001', 'services:\n  a:\n    image: x\n  a:\n    image: y\n');
      assert.equal(p.length, 1);
      assert.equal(p[0].line, 4);
      assert.match(p[0].message, /unique/i);
    });
  });

  describe('MLC002 schema', () => {
    it('flags an unknown service key with a did-you-mean fix', () => {
      const text = lines('services:', '  api:', '    image: x', '    enviroment:', '      A: b');
      const p = only('MLC002', text);
      assert.equal(p.length, 1);
      assert.deepEqual([p[0].line, p[0].column, p[0].endColumn], [4, 5, 15]);
      assert.match(p[0].message, /did you mean `environment`/);
      assert.match(fixed('MLC002', text), /^ {4}environment:$/m);
    });
    it('maps spellings from other tools (shm-size, workdir)', () => {
      assert.match(fixed('MLC002', lines('services:', '  a:', '    image: x', '    shm-size: 8gb')), /shm_size: 8gb/);
      assert.match(fixed('MLC002', lines('services:', '  a:', '    image: x', '    workdir: /app')), /working_dir: \/app/);
    });
    it('flags unknown top-level keys but not x- extensions', () => {
      assert.equal(only('MLC002', lines('servces:', '  a:', '    image: x')).length, 1);
      assert.match(fixed('MLC002', lines('servces:', '  a:', '    image: x')), /^services:/);
      assert.deepEqual(only('MLC002', lines('x-env: &e {A: 1}', 'services:', '  a:', '    image: x', '    x-note: hi')), []);
    });
    it('no fix when nothing is close', () => {
      const p = only('MLC002', lines('services:', '  a:', '    image: x', '    banana: 1'));
      assert.equal(p.length, 1);
      assert.equal(p[0].fixes, undefined);
    });
    it('flags wrong value shapes', () => {
      const p = only('MLC002', lines('services:', '  a:', '    image: x', '    ports: "8000:8000"', '    environment: A=b'));
      assert.deepEqual(p.map((x) => x.line), [4, 5]);
      assert.match(p[0].message, /`ports` of service "a" must be a list/);
    });
    it('flags unknown keys in deploy, resources and healthcheck', () => {
      const text = lines('services:', '  a:', '    image: x', '    deploy:', '      resource:', '        limits: {}', '    healthcheck:', '      test: ["CMD", "true"]', '      intervall: 5s');
      const p = only('MLC002', text);
      assert.deepEqual(p.map((x) => x.line), [5, 9]);
      assert.match(p[0].message, /did you mean `resources`/);
      assert.match(p[1].message, /did you mean `interval`/);
    });
  });

  describe('MLC003 GPU requests', () => {
    const gpu = (...device: string[]) => lines('services:', '  t:', '    image: x', '    shm_size: 8gb', '    deploy:', '      resources:', '        reservations:', '          devices:', ...device);
    it('misspelt capability', () => {
      const text = gpu('            - driver: nvidia', '              capabilities: [GPU]');
      const p = only('MLC003', text);
      assert.equal(p.length, 1);
      assert.match(p[0].message, /spelt `gpu`/);
      assert.match(fixed('MLC003', text), /capabilities: \[gpu\]/);
      assert.match(fixed('MLC003', gpu('            - capabilities: [gpus]', '              count: 1')), /capabilities: \[gpu\]/);
      assert.match(fixed('MLC003', gpu('            - capabilities: [Gpu]', '              count: 1')), /capabilities: \[gpu\]/);
      assert.match(fixed('MLC003', gpu('            - capabilities: [cuda]', '              count: 1')), /capabilities: \[gpu\]/);
    });
    it("the NVIDIA driver's other capabilities are not misspellings", () => {
      assert.deepEqual(only('MLC003', gpu('            - driver: nvidia', '              capabilities: [nvidia, compute, utility]')), []);
      assert.deepEqual(only('MLC003', gpu('            - capabilities: [[gpu], [utility]]')), []);
    });
    it('capabilities as a string', () => {
      assert.match(fixed('MLC003', gpu('            - driver: nvidia', '              capabilities: gpu')), /capabilities: \[gpu\]\n/);
    });
    it('missing capabilities', () => {
      const text = gpu('            - driver: nvidia', '              count: 1');
      const out = fixed('MLC003', text);
      assert.match(out, /- capabilities: \[gpu\]\n {14}driver: nvidia/);
    });
    it('bad count, count with device_ids, device_ids not a list, misspelt device key', () => {
      assert.match(fixed('MLC003', gpu('            - capabilities: [gpu]', '              count: ALL')), /count: all/);
      const both = gpu('            - capabilities: [gpu]', '              count: 1', '              device_ids: ["0"]');
      assert.match(only('MLC003', both)[0].message, /cannot both be set/);
      assert.doesNotMatch(fixed('MLC003', both), /count/);
      assert.match(fixed('MLC003', gpu('            - capabilities: [gpu]', '              device_ids: 0,1')), /device_ids: \["0", "1"\]/);
      const p = only('MLC002', gpu('            - capabilities: [gpu]', '              deviceIds: ["0"]'));
      assert.match(p[0].message, /did you mean `device_ids`/);
    });
    it('GPUs under limits is a schema error', () => {
      const text = lines('services:', '  t:', '    image: x', '    ipc: host', '    deploy:', '      resources:', '        limits:', '          devices: []');
      assert.match(only('MLC002', text)[0].message, /GPUs are reserved under reservations.devices/);
    });
    it('gpus: (Compose 2.30+) is info with a fix to the deploy form', () => {
      const text = lines('services:', '  t:', '    image: x', '    ipc: host', '    gpus: all');
      const p = only('MLC003', text);
      assert.equal(p[0].level, 'info');
      const out = fixed('MLC003', text);
      const t = (parseDocument(out).toJS() as { services: { t: { deploy: unknown; gpus?: unknown } } }).services.t;
      assert.equal(t.gpus, undefined);
      assert.deepEqual(t.deploy, { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } });
      const ids = fixed('MLC003', lines('services:', '  t:', '    image: x', '    ipc: host', '    gpus: ["0", "2"]'));
      assert.match(ids, /device_ids: \["0", "2"\]/);
    });
  });

  describe('MLC004 GPU without shared memory', () => {
    const text = lines('services:', '  trainer:', '    image: x', '    deploy:', '      resources:', '        reservations:', '          devices:', '            - capabilities: [gpu]');
    it('flags the service name and offers shm_size or ipc: host', () => {
      const p = only('MLC004', text);
      assert.deepEqual([p[0].line, p[0].column], [2, 3]);
      assert.match(fixed('MLC004', text, 0), /^ {4}shm_size: "8gb"\n {4}image: x/m);
      assert.match(fixed('MLC004', text, 1), /^ {4}ipc: host$/m);
    });
    it('runtime: nvidia and gpus: count as GPU requests; shm_size or ipc: host silence it', () => {
      assert.equal(only('MLC004', lines('services:', '  a:', '    image: x', '    runtime: nvidia')).length, 1);
      assert.equal(only('MLC004', lines('services:', '  a:', '    image: x', '    gpus: all')).length, 1);
      assert.equal(only('MLC004', lines('services:', '  a:', '    image: x', '    runtime: nvidia', '    ipc: host')).length, 0);
      assert.equal(only('MLC004', lines('services:', '  a:', '    image: x', '    gpus: all', '    shm_size: 2g')).length, 0);
      assert.equal(only('MLC004', lines('services:', '  a:', '    image: x')).length, 0);
    });
  });

  describe('MLC005 read-only data and model mounts', () => {
    it('short syntax: appends :ro (also inside quotes and after other options)', () => {
      const t = lines('services:', '  a:', '    image: x', '    volumes:', '      - ./data:/data', '      - "./models:/models"', '      - ./ckpt:/checkpoints', '      - ./w:/weights:z', '      - ./d2:/mnt/datasets:ro', '      - cache:/data2');
      const p = only('MLC005', t);
      assert.deepEqual(p.map((x) => x.line), [5, 6, 8]);
      assert.equal(p[0].level, 'info');
      assert.match(applyEdits(t, p[0].fixes![0].edits), /- \.\/data:\/data:ro\n/);
      assert.match(applyEdits(t, p[1].fixes![0].edits), /- "\.\/models:\/models:ro"\n/);
      assert.match(applyEdits(t, p[2].fixes![0].edits), /- \.\/w:\/weights:z,ro\n/);
    });
    it('long syntax: adds read_only: true; named volumes and explicit rw are left alone', () => {
      const t = lines('services:', '  a:', '    image: x', '    volumes:', '      - type: bind', '        source: ./data', '        target: /data', '      - type: volume', '        source: m', '        target: /models', '      - ./models:/models:rw');
      assert.match(fixed('MLC005', t), /- read_only: true\n {8}type: bind/);
    });
  });

  describe('MLC006 model API without healthcheck', () => {
    it('known server image: fix adds a probe on its health path and port', () => {
      const t = lines('services:', '  llm:', '    image: vllm/vllm-openai:v0.6.3', '    ipc: host', '    ports: ["8001:8000"]');
      const p = only('MLC006', t);
      assert.equal(p.length, 1);
      assert.equal(p[0].line, 2);
      const out = fixed('MLC006', t);
      const hc = (parseDocument(out).toJS() as { services: { llm: { healthcheck: { test: string[] } } } }).services.llm.healthcheck;
      assert.equal(hc.test[3], "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')");
    });
    it('a uvicorn service publishing a port is flagged without a fix; other services are not', () => {
      const p = only('MLC006', lines('services:', '  api:', '    build: .', '    command: ["uvicorn", "serve:app"]', '    ports: ["8000:8000"]'));
      assert.equal(p.length, 1);
      assert.equal(p[0].fixes, undefined);
      assert.equal(only('MLC006', lines('services:', '  api:', '    build: .', '    command: uvicorn serve:app')).length, 0);
      assert.equal(only('MLC006', lines('services:', '  nb:', '    image: jupyter/base-notebook', '    ports: ["8888:8888"]')).length, 0);
    });
  });

  describe('MLC007 depends_on a database', () => {
    it('short list: fix rewrites to the long form, and a second fix adds the database healthcheck', () => {
      const t = lines('services:', '  api:', '    image: x', '    depends_on:', '      - db', '      - cache', '  db:', '    image: postgres:16', '  cache:', '    image: busybox');
      const p = only('MLC007', t);
      assert.equal(p.length, 1);
      assert.equal(p[0].line, 5);
      assert.match(p[0].message, /needs a healthcheck/);
      const out = fixed('MLC007', t, 0);
      const js = parseDocument(out).toJS() as { services: { api: { depends_on: unknown } } };
      assert.deepEqual(js.services.api.depends_on, { db: { condition: 'service_healthy' }, cache: { condition: 'service_started' } });
      const hc = fixed('MLC007', t, 1);
      assert.match(hc, / {2}db:\n {4}healthcheck:\n {6}test: \["CMD-SHELL", "pg_isready -U \$\$\{POSTGRES_USER:-postgres\}"\]/);
    });
    it('flow list and long form with service_started', () => {
      const flow = lines('services:', '  api:', '    image: x', '    depends_on: [db]', '  db:', '    image: redis:7', '    healthcheck: {test: ["CMD", "redis-cli", "ping"]}');
      assert.match(fixed('MLC007', flow), /depends_on: \{ db: \{ condition: service_healthy \} \}/);
      assert.equal(only('MLC007', flow)[0].fixes?.length, 1, 'db already has a healthcheck');
      const long = lines('services:', '  api:', '    image: x', '    depends_on:', '      db:', '        condition: service_started', '  db:', '    image: mysql:8');
      assert.match(fixed('MLC007', long), /condition: service_healthy/);
      assert.equal(only('MLC007', lines('services:', '  api:', '    image: x', '    depends_on: [worker]', '  worker:', '    image: x')).length, 0);
    });
  });

  describe('MLC008 secrets in environment', () => {
    it('map form: value masked in the message, fix reads it from the environment', () => {
      const t = lines('services:', '  a:', '    image: x', '    environment:', '      POSTGRES_PASSWORD: hunter2', '      HF_TOKEN: "hf_abcdef"', '      WANDB_API_KEY: ${WANDB_API_KEY}', '      PASSWORD_FILE: /run/secrets/p');
      const p = only('MLC008', t);
      assert.deepEqual(p.map((x) => x.line), [5, 6]);
      for (const x of p) assert.doesNotMatch(x.message, /hunter2|hf_abcdef/);
      assert.match(applyEdits(t, p[0].fixes![0].edits), /POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD\}\n/);
      assert.match(applyEdits(t, p[1].fixes![0].edits), /HF_TOKEN: \$\{HF_TOKEN\}\n/);
    });
    it('list form', () => {
      const t = lines('services:', '  a:', '    image: x', '    environment:', '      - AWS_SECRET_ACCESS_KEY=abc', '      - MLFLOW_TRACKING_URI=http://mlflow:5000', '      - OPENAI_API_KEY=');
      assert.match(fixed('MLC008', t), /- AWS_SECRET_ACCESS_KEY=\$\{AWS_SECRET_ACCESS_KEY\}\n/);
    });
  });

  describe('MLC009 version', () => {
    it('fix removes the line', () => {
      const t = lines('version: "3.8"', 'services:', '  a:', '    image: x');
      const p = only('MLC009', t);
      assert.deepEqual([p[0].line, p[0].level], [1, 'warning']);
      assert.equal(fixed('MLC009', t), lines('services:', '  a:', '    image: x'));
    });
  });

  describe('MLC010 host ports', () => {
    it('same host port in two services, across syntaxes and ranges', () => {
      const t = lines('services:', '  a:', '    image: x', '    ports: ["8000:8000", "9000-9002:9000-9002"]', '  b:', '    image: y', '    ports:', '      - "127.0.0.1:8000:80"', '      - target: 1', '        published: "9001"');
      const p = only('MLC010', t);
      assert.deepEqual(p.map((x) => x.line), [8, 9]);
      assert.match(p[0].message, /8000\/tcp is already published by "a"/);
      assert.equal(p[0].level, 'error');
    });
    it('different IPs, protocols, profiles, host network or container-only ports are fine', () => {
      const t = lines('services:', '  a:', '    image: x', '    ports: ["127.0.0.1:8000:8000", "53:53/udp", "7000"]', '  b:', '    image: y',
        '    ports: ["127.0.0.2:8000:8000", "53:53/tcp", "7000"]', '  c:', '    image: z', '    profiles: [gpu]', '    ports: ["6006:6006"]',
        '  d:', '    image: z', '    profiles: [cpu]', '    ports: ["6006:6006"]', '  e:', '    image: z', '    network_mode: host', '    ports: ["53:53/udp"]');
      assert.deepEqual(only('MLC010', t), []);
    });
  });
});

describe('compose hints: malformed input', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  const base = lines(
    'version: "3"', 'services:', '  api:', '    image: vllm/vllm-openai:v0.6.3', '    ports: ["8000:8000", {target: 1, published: "8000"}]',
    '    depends_on: [db]', '    environment: [HF_TOKEN=abc]', '    volumes: ["./data:/data"]', '    gpus: all',
    '    deploy: {resources: {reservations: {devices: [{capabilities: [GPU], count: ALL, device_ids: 1}]}}}', '  db:', '    image: postgres',
  );
  it('never throws on edits of a compose file, and every fix applies to valid positions', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 12 }), fc.string({ maxLength: 6 }), (at, del, ins) => {
      const text = base.slice(0, at) + ins + base.slice(at + del);
      const problems = lintCompose(text);
      const lineCount = text.split('\n').length;
      for (const p of problems) {
        assert.ok(p.line >= 1 && p.line <= lineCount && p.endLine >= p.line, JSON.stringify(p));
        for (const f of p.fixes ?? []) for (const e of f.edits) assert.ok(e.line >= 1 && e.endLine <= lineCount, JSON.stringify(e));
      }
    }), { numRuns: 400, seed: 14 });
  });
});
