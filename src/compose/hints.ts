// Hints for compose files: a function of the text, positions from the `yaml` package's nodes, fixes as
// text edits. Pure Node (no vscode). Codes MLC001–MLC010; see COMPOSE_RULES for what each means.
// Error level only for what compose rejects or what certainly fails (`up` with a port taken twice).
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isSecretName } from '../docker/secretNames';
import type { Fix, Level, Problem, RuleInfo, TextEdit } from '../lint/types';
import {
  DEPLOY_KEYS, DEVICE_KEYS, HEALTHCHECK_KEYS, LIMITS_KEYS, RESERVATIONS_KEYS, RESOURCES_KEYS, SERVICE_KEYS, SERVICE_SHAPES,
  suggestKey, TOP_LEVEL_KEYS, type Shape,
} from './schema';
import {
  blockIndent, deletePairLines, editAt, indentStep, insertIntoMap, keyRange, lineStart, nodeRange, nodeSpan, parseYaml,
  rangeOf, str, type ParsedYaml,
} from './yamlText';

export const COMPOSE_RULES: readonly RuleInfo[] = [
  { code: 'MLC001', level: 'error', title: 'The compose file is not valid YAML' },
  { code: 'MLC002', level: 'error', title: 'Compose rejects this key or value shape' },
  { code: 'MLC003', level: 'error', title: 'GPU request compose does not understand' },
  { code: 'MLC004', level: 'warning', title: 'GPU service without shm_size or ipc: host' },
  { code: 'MLC005', level: 'info', title: 'Data or model folder mounted writable' },
  { code: 'MLC006', level: 'info', title: 'Model API service without a healthcheck' },
  { code: 'MLC007', level: 'warning', title: 'depends_on a database without condition: service_healthy' },
  { code: 'MLC008', level: 'warning', title: 'Secret as a literal environment value' },
  { code: 'MLC009', level: 'warning', title: 'The top-level version key is obsolete' },
  { code: 'MLC010', level: 'error', title: 'Host port published twice' },
];

const LEVEL: Record<string, Level> = Object.fromEntries(COMPOSE_RULES.map((r) => [r.code, r.level as Level]));

interface Service {
  readonly name: string;
  readonly pair: Pair;
  readonly map: YAMLMap;
}

class Ctx {
  readonly problems: Problem[] = [];
  constructor(readonly p: ParsedYaml) {}

  report(code: string, node: Node | null | undefined, message: string, fixes?: Fix[], level?: Level): void {
    this.problems.push({ code, level: level ?? LEVEL[code], message, ...nodeRange(this.p, node), ...(fixes?.length ? { fixes } : {}) });
  }

  reportKey(code: string, pair: Pair, message: string, fixes?: Fix[], level?: Level): void {
    this.problems.push({ code, level: level ?? LEVEL[code], message, ...keyRange(this.p, pair), ...(fixes?.length ? { fixes } : {}) });
  }
}

function fix(title: string, ...edits: (TextEdit | undefined)[]): Fix[] {
  const ok = edits.filter((e): e is TextEdit => !!e);
  return ok.length === edits.length && ok.length ? [{ title, edits: ok }] : [];
}

function shapeOf(node: unknown): Shape | 'null' {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  if (isScalar(node) && node.value === null) return 'null';
  return 'scalar';
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined;
}

function getPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((it) => keyName(it) === key);
}

function getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const v = map?.get(key, true);
  return isMap(v) ? v : undefined;
}

/** Lints the text of a compose file. Never throws. */
export function lintCompose(text: string): Problem[] {
  let p: ParsedYaml;
  try {
    p = parseYaml(text);
  } catch (err) {
    return [{ code: 'MLC001', level: 'error', message: `Cannot read the file as YAML: ${(err as Error).message}`, line: 1, column: 1, endLine: 1, endColumn: 1 }];
  }
  const ctx = new Ctx(p);
  if (p.doc.errors.length) {
    for (const e of p.doc.errors) {
      const [s, end] = e.pos;
      ctx.problems.push({ code: 'MLC001', level: 'error', message: yamlMessage(e.message), ...rangeOf(p, s, Math.max(end, s + 1)) });
    }
    return ctx.problems;
  }
  const root = p.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) {
    ctx.report('MLC002', root, 'A compose file must be a mapping with a `services` key.');
    return ctx.problems;
  }
  for (const pair of root.items) {
    const k = keyName(pair);
    if (k === undefined || k.startsWith('x-')) continue;
    if (!TOP_LEVEL_KEYS.includes(k)) unknownKey(ctx, pair, k, TOP_LEVEL_KEYS, 'at the top level');
  }
  const version = getPair(root, 'version');
  if (version) {
    ctx.reportKey('MLC009', version, '`version` is obsolete: Compose ignores it (and Compose v2 warns about it). Remove it.',
      fix('Remove the version line', deletePairLines(p, version)));
  }
  const servicesNode = root.get('services', true);
  if (servicesNode === undefined || shapeOf(servicesNode) === 'null') return ctx.problems;
  if (!isMap(servicesNode)) {
    ctx.report('MLC002', servicesNode as Node, '`services` must be a mapping of service names to their settings.');
    return ctx.problems;
  }
  const services: Service[] = [];
  for (const pair of servicesNode.items) {
    const name = keyName(pair);
    if (name === undefined || name.startsWith('x-')) continue;
    if (!isMap(pair.value)) {
      if (shapeOf(pair.value) !== 'null') ctx.report('MLC002', pair.value as Node, `Service "${name}" must be a mapping of settings.`);
      continue;
    }
    services.push({ name, pair, map: pair.value });
  }
  for (const svc of services) checkServiceSchema(ctx, svc);
  for (const svc of services) checkGpu(ctx, svc);
  for (const svc of services) checkMounts(ctx, svc);
  for (const svc of services) checkHealthcheck(ctx, svc);
  for (const svc of services) checkDependsOn(ctx, svc, services);
  for (const svc of services) checkSecrets(ctx, svc);
  checkPorts(ctx, services);
  return ctx.problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function yamlMessage(m: string): string {
  return m.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

function unknownKey(ctx: Ctx, pair: Pair, key: string, known: readonly string[], where: string): void {
  const s = suggestKey(key, known);
  const keyNode = pair.key as Node;
  const span = nodeSpan(keyNode);
  ctx.reportKey('MLC002', pair, `Compose rejects the key \`${key}\` ${where}${s ? `: did you mean \`${s}\`?` : '.'}`,
    s && span ? fix(`Change to \`${s}\``, editAt(ctx.p, span[0], span[1], s)) : undefined);
}

function checkKeys(ctx: Ctx, map: YAMLMap, known: readonly string[], where: string): void {
  for (const pair of map.items) {
    const k = keyName(pair);
    if (k === undefined || k.startsWith('x-')) continue;
    if (!known.includes(k)) unknownKey(ctx, pair, k, known, where);
  }
}

function checkServiceSchema(ctx: Ctx, svc: Service): void {
  checkKeys(ctx, svc.map, SERVICE_KEYS, `in service "${svc.name}"`);
  for (const pair of svc.map.items) {
    const k = keyName(pair);
    const shapes = k ? SERVICE_SHAPES[k] : undefined;
    if (!shapes) continue;
    const shape = shapeOf(pair.value);
    if (shape === 'null' || shapes.includes(shape)) continue;
    const want = shapes.map((s) => (s === 'map' ? 'a mapping' : s === 'seq' ? 'a list' : 'a string')).join(' or ');
    ctx.report('MLC002', pair.value as Node, `\`${k}\` of service "${svc.name}" must be ${want}.`);
  }
  const hc = getMap(svc.map, 'healthcheck');
  if (hc) checkKeys(ctx, hc, HEALTHCHECK_KEYS, `under healthcheck of "${svc.name}"`);
  const deploy = getMap(svc.map, 'deploy');
  if (!deploy) return;
  checkKeys(ctx, deploy, DEPLOY_KEYS, `under deploy of "${svc.name}"`);
  const resources = getMap(deploy, 'resources');
  if (!resources) return;
  checkKeys(ctx, resources, RESOURCES_KEYS, `under deploy.resources of "${svc.name}"`);
  const limits = getMap(resources, 'limits');
  if (limits) checkKeys(ctx, limits, LIMITS_KEYS, `under deploy.resources.limits of "${svc.name}" (GPUs are reserved under reservations.devices)`);
  const reservations = getMap(resources, 'reservations');
  if (reservations) checkKeys(ctx, reservations, RESERVATIONS_KEYS, `under deploy.resources.reservations of "${svc.name}"`);
}

// ---------------------------------------------------------------------------------------------- GPUs

function gpuDevices(svc: Service): YAMLMap[] {
  const seq = getMap(getMap(getMap(svc.map, 'deploy'), 'resources'), 'reservations')?.get('devices', true);
  return isSeq(seq) ? seq.items.filter((d): d is YAMLMap => isMap(d)) : [];
}

function capabilityList(dev: YAMLMap): { node: Node | undefined; values: { v: string; node: Node }[] } {
  const n = dev.get('capabilities', true) as Node | undefined;
  if (!n) return { node: undefined, values: [] };
  if (isSeq(n)) {
    // compose takes a list of capabilities; a nested list is read the same way by the engine API.
    const flat = (n.items as Node[]).flatMap((it) => (isSeq(it) ? (it.items as Node[]) : [it]));
    return { node: n, values: flat.map((it) => ({ v: str(it) ?? '', node: it })) };
  }
  return { node: n, values: str(n) !== undefined ? [{ v: str(n)!, node: n }] : [] };
}

/** Spellings of `gpu` that match no device driver (`nvidia`, `compute`, `utility`, … are real NVIDIA capabilities). */
const GPU_MISSPELLINGS = /^(gpus|gpu\W+|cuda|nvidia[-_]gpus?)$/i;

function isMisspeltGpu(v: string): boolean {
  return v !== 'gpu' && (v.toLowerCase() === 'gpu' || GPU_MISSPELLINGS.test(v));
}
/** Capabilities the NVIDIA driver answers to: a request with any of them is a GPU request. */
const NVIDIA_CAPABILITIES = new Set(['gpu', 'nvidia', 'compute', 'compat32', 'graphics', 'utility', 'video', 'display']);

/** Whether the service asks for a GPU in any form compose knows (or nearly knows). */
export function requestsGpu(map: YAMLMap): boolean {
  const svc: Service = { name: '', pair: undefined as unknown as Pair, map };
  if (gpuDevices(svc).some((d) => capabilityList(d).values.some((c) => NVIDIA_CAPABILITIES.has(c.v) || isMisspeltGpu(c.v)) || d.get('driver') === 'nvidia')) return true;
  const gpus = map.get('gpus', true);
  if (gpus !== undefined && shapeOf(gpus) !== 'null') return true;
  return str(map.get('runtime', true)) === 'nvidia';
}

function checkGpu(ctx: Ctx, svc: Service): void {
  for (const dev of gpuDevices(svc)) {
    checkKeys(ctx, dev, DEVICE_KEYS, `in a device request of "${svc.name}"`);
    const caps = capabilityList(dev);
    if (!caps.node) {
      if (dev.get('driver') === 'nvidia' || dev.has('count') || dev.has('device_ids')) {
        ctx.report('MLC003', dev, `This device request of "${svc.name}" has no \`capabilities\`: compose requires it; GPUs need \`capabilities: [gpu]\`.`,
          fix('Add capabilities: [gpu]', insertIntoMap(ctx.p, dev, ['capabilities: [gpu]'])));
      }
    } else if (!isSeq(caps.node)) {
      const span = nodeSpan(caps.node);
      const v = str(caps.node) ?? '';
      const to = v === 'gpu' || isMisspeltGpu(v) ? '[gpu]' : `[${v}]`;
      ctx.report('MLC003', caps.node, '`capabilities` must be a list, e.g. `capabilities: [gpu]`.', span ? fix(`Change to ${to}`, editAt(ctx.p, span[0], span[1], to)) : undefined);
    } else {
      for (const c of caps.values) {
        if (isMisspeltGpu(c.v)) {
          const span = nodeSpan(c.node);
          ctx.report('MLC003', c.node, `The GPU capability is spelt \`gpu\` (lower case, singular); \`${c.v}\` matches no device, so the container gets no GPU.`,
            span ? fix('Change to gpu', editAt(ctx.p, span[0], span[1], 'gpu')) : undefined);
        }
      }
    }
    const count = dev.get('count', true) as Node | undefined;
    if (count !== undefined) {
      const cv = isScalar(count) ? count.value : undefined;
      const ok = cv === 'all' || (typeof cv === 'number' && Number.isInteger(cv) && cv >= -1) || (typeof cv === 'string' && /^\$\{/.test(cv));
      if (!ok) {
        const span = nodeSpan(count);
        const asAll = typeof cv === 'string' && /^all$/i.test(cv.trim());
        const asNum = typeof cv === 'string' && /^\d+$/.test(cv.trim());
        ctx.report('MLC003', count, '`count` must be a whole number or `all`.',
          span && (asAll || asNum) ? fix(`Change to ${asAll ? 'all' : cv.trim()}`, editAt(ctx.p, span[0], span[1], asAll ? 'all' : (cv as string).trim())) : undefined);
      }
      if (dev.has('device_ids')) {
        ctx.report('MLC003', count, `\`count\` and \`device_ids\` cannot both be set (compose refuses the file): keep one.`,
          fix('Remove count', deletePairLines(ctx.p, dev.items.find((i) => keyName(i) === 'count')!)));
      }
    }
    const ids = dev.get('device_ids', true);
    if (ids !== undefined && !isSeq(ids)) {
      const span = nodeSpan(ids as Node);
      const v = str(ids);
      ctx.report('MLC003', ids as Node, '`device_ids` must be a list of strings, e.g. `device_ids: ["0", "1"]`.',
        span && v !== undefined ? fix('Make it a list', editAt(ctx.p, span[0], span[1], `[${v.split(',').map((x) => JSON.stringify(x.trim())).join(', ')}]`)) : undefined);
    }
  }
  const gpusPair = getPair(svc.map, 'gpus');
  if (gpusPair && shapeOf(gpusPair.value) !== 'null') {
    const deployFix = !svc.map.has('deploy') ? gpusToDeploy(ctx, svc, gpusPair) : undefined;
    ctx.reportKey('MLC003', gpusPair, '`gpus:` in a service needs Docker Compose 2.30 or newer; docker-compose 1.x and older v2 releases reject it. `deploy.resources.reservations.devices` works with every version.',
      deployFix ? fix('Use deploy.resources.reservations.devices', deployFix) : undefined, 'info');
  }
  if (requestsGpu(svc.map) && !svc.map.has('shm_size') && str(svc.map.get('ipc', true)) !== 'host') {
    ctx.reportKey('MLC004', svc.pair,
      `Service "${svc.name}" uses a GPU but keeps the 64 MB default shared memory: PyTorch DataLoader workers and NCCL fail with "bus error" or hang. Set \`shm_size\` (e.g. "8gb") or \`ipc: host\`.`,
      [...fix('Add shm_size: "8gb"', insertIntoMap(ctx.p, svc.map, ['shm_size: "8gb"'])), ...fix('Add ipc: host', insertIntoMap(ctx.p, svc.map, ['ipc: host']))]);
  }
}

function gpusToDeploy(ctx: Ctx, svc: Service, pair: Pair): TextEdit | undefined {
  const v = pair.value as Node;
  let request: string[];
  if (isSeq(v)) {
    const ids = (v.items as Node[]).map((i) => str(i));
    if (ids.some((x) => x === undefined)) return undefined;
    request = [`device_ids: [${ids.map((x) => JSON.stringify(x)).join(', ')}]`];
  } else {
    const s = str(v);
    if (s === 'all') request = ['count: all'];
    else if (s !== undefined && /^\d+$/.test(s)) request = [`count: ${s}`];
    else return undefined;
  }
  const key = pair.key as Node;
  const indent = blockIndent(ctx.p, svc.map);
  const span = nodeSpan(v);
  if (indent === undefined || !span || !key.range) return undefined;
  const step = 2;
  const pad = (n: number) => ' '.repeat(indent + n * step);
  const text = ['deploy:', `${pad(1)}resources:`, `${pad(2)}reservations:`, `${pad(3)}devices:`, `${pad(4)}- driver: nvidia`,
    ...request.map((r) => `${pad(4)}  ${r}`), `${pad(4)}  capabilities: [gpu]`].join('\n');
  return editAt(ctx.p, key.range[0], span[1], text);
}

// -------------------------------------------------------------------------------------------- mounts

const DATA_TARGET = /^(data|datasets?|models?|weights)$/i;

function checkMounts(ctx: Ctx, svc: Service): void {
  const vols = svc.map.get('volumes', true);
  if (!isSeq(vols)) return;
  for (const item of vols.items as Node[]) {
    if (isScalar(item) && typeof item.value === 'string') {
      const parts = splitVolume(item.value);
      if (!parts || parts.length < 2) continue;
      const [source, target, mode] = parts;
      if (!isBindSource(source) || !DATA_TARGET.test(basename(target))) continue;
      if (mode !== undefined && /(^|,)(ro|rw)(,|$)/.test(mode)) continue;
      const span = nodeSpan(item);
      const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE';
      const insertAt = span ? (quoted ? span[1] - 1 : span[1]) : undefined;
      ctx.report('MLC005', item, `"${target}" looks like a data or model folder mounted writable into "${svc.name}". If the service only reads it, mount it read-only (\`:ro\`) so a bug cannot change the files on your disk.`,
        insertAt !== undefined ? fix('Mount read-only', editAt(ctx.p, insertAt, insertAt, mode ? ',ro' : ':ro')) : undefined);
    } else if (isMap(item)) {
      const type = str(item.get('type', true));
      const source = str(item.get('source', true));
      const target = str(item.get('target', true));
      if (type !== 'bind' || !target || !source || !DATA_TARGET.test(basename(target))) continue;
      if (item.has('read_only')) continue;
      ctx.report('MLC005', item, `"${target}" looks like a data or model folder mounted writable into "${svc.name}". If the service only reads it, add \`read_only: true\`.`,
        fix('Mount read-only', insertIntoMap(ctx.p, item, ['read_only: true'])));
    }
  }
}

/** `source:target[:mode]`, Windows drive letters aside. Undefined when interpolation makes it unknowable. */
function splitVolume(v: string): string[] | undefined {
  if (v.includes('$')) return undefined;
  return v.split(':');
}

function isBindSource(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~');
}

function basename(p: string): string {
  const parts = p.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] ?? '';
}

// ------------------------------------------------------------------------------ healthcheck / API

interface KnownServer {
  readonly image: RegExp;
  readonly port: number;
  readonly path?: string;
}

/** Model servers by image, with the port and health path they answer on. */
const MODEL_SERVERS: readonly KnownServer[] = [
  { image: /(^|\/)vllm(-openai)?(:|@|$)|(^|\/)vllm\//, port: 8000, path: '/health' },
  { image: /text-generation-inference(:|@|$)/, port: 80, path: '/health' },
  { image: /(^|\/)tritonserver(:|@|$)/, port: 8000, path: '/v2/health/ready' },
  { image: /(^|\/)torchserve(:|@|$)/, port: 8080, path: '/ping' },
  { image: /(^|\/)tensorflow\/serving(:|@|$)/, port: 8501 },
  { image: /(^|\/)ollama\/ollama(:|@|$)/, port: 11434 },
  { image: /(^|\/)text-embeddings-inference(:|@|$)/, port: 80, path: '/health' },
];

const SERVER_COMMAND = /\b(uvicorn|gunicorn|vllm\s+serve|mlflow\s+models\s+serve|text-generation-launcher|tritonserver|torchserve|bentoml\s+serve|litserve)\b/;

function commandText(node: unknown): string {
  if (isSeq(node)) return (node.items as Node[]).map((i) => str(i) ?? '').join(' ');
  return str(node) ?? '';
}

function publishesPort(map: YAMLMap): boolean {
  const ports = map.get('ports', true);
  const expose = map.get('expose', true);
  return (isSeq(ports) && ports.items.length > 0) || (isSeq(expose) && expose.items.length > 0);
}

function checkHealthcheck(ctx: Ctx, svc: Service): void {
  if (svc.map.has('healthcheck')) return;
  const image = str(svc.map.get('image', true)) ?? '';
  const known = MODEL_SERVERS.find((s) => s.image.test(image));
  const cmd = `${commandText(svc.map.get('command', true))} ${commandText(svc.map.get('entrypoint', true))}`;
  if (!known && !(SERVER_COMMAND.test(cmd) && publishesPort(svc.map))) return;
  let fixes: Fix[] | undefined;
  if (known?.path) {
    const port = containerPortOf(svc.map) ?? known.port;
    const probe = `import urllib.request; urllib.request.urlopen('http://localhost:${port}${known.path}')`;
    const step = indentStep(ctx.p, svc.map, undefined);
    const pad = ' '.repeat(step);
    fixes = fix('Add a healthcheck', insertIntoMap(ctx.p, svc.map, [
      'healthcheck:',
      `${pad}test: ["CMD", "python3", "-c", ${JSON.stringify(probe)}]`,
      `${pad}interval: 10s`,
      `${pad}timeout: 5s`,
      `${pad}retries: 30`,
      `${pad}start_period: 60s`,
    ]));
  }
  ctx.reportKey('MLC006', svc.pair,
    `"${svc.name}" serves a model but has no healthcheck: it counts as ready while the weights are still loading, and \`depends_on\` cannot wait for it.`, fixes);
}

/** The container port of the first published port (for a probe inside the container). */
function containerPortOf(map: YAMLMap): number | undefined {
  const ports = map.get('ports', true);
  if (!isSeq(ports)) return undefined;
  for (const it of ports.items) {
    const b = parsePort(it as Node);
    if (b?.target) return b.target;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- depends_on

const DATABASES: readonly { image: RegExp; test: string }[] = [
  { image: /(^|\/)(postgres|postgis|timescaledb(-ha)?|pgvector)(:|@|$)/, test: '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]' },
  { image: /(^|\/)mysql(:|@|$)/, test: '["CMD", "mysqladmin", "ping", "-h", "localhost"]' },
  { image: /(^|\/)mariadb(:|@|$)/, test: '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]' },
  { image: /(^|\/)(redis|valkey)(:|@|$)/, test: '["CMD", "redis-cli", "ping"]' },
  { image: /(^|\/)mongo(:|@|$)/, test: '["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]' },
  { image: /(^|\/)(elasticsearch|opensearch|clickhouse-server|qdrant|milvus|cassandra|neo4j|couchdb)(:|@|$)/, test: '' },
];

function databaseOf(svc: Service): (typeof DATABASES)[number] | undefined {
  const image = str(svc.map.get('image', true)) ?? '';
  return DATABASES.find((d) => d.image.test(image));
}

function checkDependsOn(ctx: Ctx, svc: Service, all: Service[]): void {
  const dep = svc.map.get('depends_on', true) as Node | undefined;
  if (!dep) return;
  const byName = new Map(all.map((s) => [s.name, s]));
  const isDb = (n: string) => {
    const s = byName.get(n);
    return s ? databaseOf(s) !== undefined : false;
  };
  if (isSeq(dep)) {
    const names = (dep.items as Node[]).map((i) => str(i));
    if (names.some((n) => n === undefined)) return;
    const dbs = (names as string[]).filter(isDb);
    if (!dbs.length) return;
    const edit = dependsToLongForm(ctx, dep, names as string[], new Set(dbs));
    for (const db of dbs) {
      const item = (dep.items as Node[])[names.indexOf(db)];
      ctx.report('MLC007', item, dbMessage(svc.name, db, byName.get(db)!), [...fix('Wait until the database is healthy', edit), ...addDbHealthcheck(ctx, byName.get(db)!)]);
    }
  } else if (isMap(dep)) {
    for (const pair of dep.items) {
      const name = keyName(pair);
      if (!name || !isDb(name)) continue;
      const cond = isMap(pair.value) ? (pair.value.get('condition', true) as Node | undefined) : undefined;
      if (str(cond) === 'service_healthy') continue;
      const span = cond ? nodeSpan(cond) : undefined;
      const fixes = span ? fix('Wait until the database is healthy', editAt(ctx.p, span[0], span[1], 'service_healthy')) : [];
      ctx.reportKey('MLC007', pair, dbMessage(svc.name, name, byName.get(name)!), [...fixes, ...addDbHealthcheck(ctx, byName.get(name)!)]);
    }
  }
}

function dbMessage(svc: string, db: string, dbSvc: Service): string {
  const hc = dbSvc.map.has('healthcheck') ? '' : ` (and "${db}" needs a healthcheck for that)`;
  return `"${svc}" starts as soon as the "${db}" container starts, before the database accepts connections: use \`condition: service_healthy\`${hc}.`;
}

function addDbHealthcheck(ctx: Ctx, db: Service): Fix[] {
  if (db.map.has('healthcheck')) return [];
  const known = databaseOf(db);
  if (!known?.test) return [];
  const pad = ' '.repeat(indentStep(ctx.p, db.map, undefined));
  return fix(`Add a healthcheck to "${db.name}"`, insertIntoMap(ctx.p, db.map, [
    'healthcheck:', `${pad}test: ${known.test}`, `${pad}interval: 5s`, `${pad}timeout: 5s`, `${pad}retries: 10`,
  ]));
}

function dependsToLongForm(ctx: Ctx, seq: YAMLSeq, names: string[], healthy: Set<string>): TextEdit | undefined {
  const span = nodeSpan(seq);
  if (!span) return undefined;
  const cond = (n: string) => (healthy.has(n) ? 'service_healthy' : 'service_started');
  if (seq.flow) {
    return editAt(ctx.p, span[0], span[1], `{ ${names.map((n) => `${n}: { condition: ${cond(n)} }`).join(', ')} }`);
  }
  const col = span[0] - lineStart(ctx.p.text, span[0]);
  const pad = ' '.repeat(col);
  const lines = names.flatMap((n) => [`${n}:`, `  condition: ${cond(n)}`]);
  return editAt(ctx.p, span[0], span[1], lines.map((l, i) => (i ? pad : '') + l).join('\n'));
}

// ------------------------------------------------------------------------------------------- secrets

function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  return v !== '' && !v.includes('${') && !/^\$[A-Za-z_]/.test(v) && !/^(true|false|yes|no|on|off|null|none)$/i.test(v);
}

function checkSecrets(ctx: Ctx, svc: Service): void {
  const env = svc.map.get('environment', true);
  const msg = (k: string) =>
    `${k} in "${svc.name}" is a secret written into the compose file (it ends up in version control and in \`docker inspect\`). Read it from the environment or an .env file kept out of git: \`${k}: \${${k}}\`.`;
  if (isMap(env)) {
    for (const pair of env.items) {
      const k = keyName(pair);
      const v = pair.value as Node | null;
      const val = isScalar(v) && v.value !== null ? String(v.value) : undefined;
      if (!k || val === undefined || !isSecretName(k) || !isLiteralSecret(val)) continue;
      const span = nodeSpan(v);
      ctx.report('MLC008', v, msg(k), span ? fix(`Read ${k} from the environment`, editAt(ctx.p, span[0], span[1], `\${${k}}`)) : undefined);
    }
  } else if (isSeq(env)) {
    for (const item of env.items as Node[]) {
      const s = str(item);
      if (s === undefined) continue;
      const eq = s.indexOf('=');
      if (eq <= 0) continue;
      const k = s.slice(0, eq);
      if (!isSecretName(k) || !isLiteralSecret(s.slice(eq + 1))) continue;
      const span = nodeSpan(item);
      ctx.report('MLC008', item, msg(k), span ? fix(`Read ${k} from the environment`, editAt(ctx.p, span[0], span[1], `${k}=\${${k}}`)) : undefined);
    }
  }
}

// --------------------------------------------------------------------------------------------- ports

export interface PortBinding {
  readonly hostIp: string;
  readonly hostPorts: readonly number[];
  readonly target?: number;
  readonly protocol: string;
}

function range(a: number, b: number): number[] {
  if (!(a > 0 && b >= a && b - a < 1024)) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function portList(s: string): number[] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  return range(Number(m[1]), Number(m[2] ?? m[1]));
}

/** A `ports` entry, short (`[ip:][host:]container[/proto]`) or long syntax. Undefined when unknowable. */
export function parsePort(node: Node): PortBinding | undefined {
  if (isScalar(node)) {
    const raw = String(node.value);
    if (raw.includes('$')) return undefined;
    const [spec, proto = 'tcp'] = raw.split('/');
    let ip = '';
    let rest = spec;
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    if (v6) {
      ip = v6[1];
      rest = v6[2];
    }
    const parts = rest.split(':');
    if (!v6 && parts.length === 3) ip = parts.shift()!;
    if (parts.length === 1) {
      const t = portList(parts[0]);
      return t ? { hostIp: ip, hostPorts: [], target: t[0], protocol: proto } : undefined;
    }
    if (parts.length !== 2) return undefined;
    const host = parts[0] === '' ? [] : portList(parts[0]);
    const target = portList(parts[1]);
    if (!host || !target) return undefined;
    return { hostIp: ip, hostPorts: host, target: target[0], protocol: proto };
  }
  if (isMap(node)) {
    const target = Number(str(node.get('target', true)));
    const published = str(node.get('published', true));
    const hostPorts = published === undefined ? [] : published.includes('$') ? undefined : portList(published);
    if (!hostPorts) return undefined;
    return { hostIp: str(node.get('host_ip', true)) ?? '', hostPorts, target: Number.isFinite(target) ? target : undefined, protocol: str(node.get('protocol', true)) ?? 'tcp' };
  }
  return undefined;
}

function anyAddress(ip: string): boolean {
  return ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
}

function profilesOf(map: YAMLMap): string[] {
  const p = map.get('profiles', true);
  return isSeq(p) ? (p.items as Node[]).map((i) => str(i) ?? '') : [];
}

function checkPorts(ctx: Ctx, services: Service[]): void {
  const seen: { svc: Service; ip: string; port: number; proto: string; profiles: string[] }[] = [];
  for (const svc of services) {
    if (str(svc.map.get('network_mode', true)) === 'host') continue;
    const ports = svc.map.get('ports', true);
    if (!isSeq(ports)) continue;
    const profiles = profilesOf(svc.map);
    for (const item of ports.items as Node[]) {
      const b = parsePort(item);
      if (!b) continue;
      let reported = false;
      for (const port of b.hostPorts) {
        const clash = seen.find((s) => s.port === port && s.proto === b.protocol && (anyAddress(s.ip) || anyAddress(b.hostIp) || s.ip === b.hostIp) &&
          (!s.profiles.length || !profiles.length || s.profiles.some((x) => profiles.includes(x))));
        if (clash && !reported) {
          reported = true;
          const where = clash.svc === svc ? 'earlier in this service' : `by "${clash.svc.name}"`;
          ctx.report('MLC010', item, `Host port ${port}/${b.protocol} is already published ${where}: \`up\` fails with "port is already allocated". Pick another host port.`);
        }
        seen.push({ svc, ip: b.hostIp, port, proto: b.protocol, profiles });
      }
    }
  }
}
