// Decodes BuildKit's progress messages: `{"id":"moby.buildkit.trace","aux":"<base64 StatusResponse>"}`.
//   message StatusResponse { repeated Vertex vertexes = 1; repeated VertexStatus statuses = 2;
//                            repeated VertexLog logs = 3; repeated VertexWarning warnings = 4; }
//   message Vertex { string digest = 1; repeated string inputs = 2; string name = 3; bool cached = 4;
//                    Timestamp started = 5; Timestamp completed = 6; string error = 7; }
//   message VertexStatus { string ID = 1; string vertex = 2; string name = 3; int64 current = 4;
//                          int64 total = 5; Timestamp timestamp = 6; Timestamp started = 7; Timestamp completed = 8; }
//   message VertexLog { string vertex = 1; Timestamp timestamp = 2; int64 stream = 3; bytes msg = 4; }
//   message VertexWarning { string vertex = 1; int64 level = 2; bytes short = 3; repeated bytes detail = 4; string url = 5; }
//   message Timestamp { int64 seconds = 1; int32 nanos = 2; }
import { asBool, asBytes, asInt, asString, readFields, WireValue } from './protobuf';

export interface BkVertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  /** Milliseconds since the epoch. */
  started?: number;
  completed?: number;
  error?: string;
}
export interface BkVertexStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  completed?: number;
}
export interface BkVertexLog { vertex: string; stream: number; msg: Buffer }
export interface BkWarning { vertex: string; level: number; short: string; detail: string[]; url?: string }
export interface BkStatusResponse {
  vertexes: BkVertex[];
  statuses: BkVertexStatus[];
  logs: BkVertexLog[];
  warnings: BkWarning[];
}

function timestamp(v: WireValue): number | undefined {
  if (v.wire !== 2) return undefined;
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(v.value)) {
    if (f.field === 1) seconds = asInt(f.data);
    else if (f.field === 2) nanos = asInt(f.data);
  }
  if (seconds <= 0 && nanos === 0) return undefined; // Go's zero time is encoded as negative seconds
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

function vertex(buf: Buffer): BkVertex {
  const v: BkVertex = { digest: '', inputs: [], name: '', cached: false };
  for (const f of readFields(buf)) {
    switch (f.field) {
      case 1: v.digest = asString(f.data); break;
      case 2: v.inputs.push(asString(f.data)); break;
      case 3: v.name = asString(f.data); break;
      case 4: v.cached = asBool(f.data); break;
      case 5: v.started = timestamp(f.data); break;
      case 6: v.completed = timestamp(f.data); break;
      case 7: { const e = asString(f.data); if (e) v.error = e; break; }
    }
  }
  return v;
}

function status(buf: Buffer): BkVertexStatus {
  const s: BkVertexStatus = { id: '', vertex: '', name: '', current: 0, total: 0 };
  for (const f of readFields(buf)) {
    switch (f.field) {
      case 1: s.id = asString(f.data); break;
      case 2: s.vertex = asString(f.data); break;
      case 3: s.name = asString(f.data); break;
      case 4: s.current = asInt(f.data); break;
      case 5: s.total = asInt(f.data); break;
      case 8: s.completed = timestamp(f.data); break;
    }
  }
  return s;
}

function log(buf: Buffer): BkVertexLog {
  const l: BkVertexLog = { vertex: '', stream: 0, msg: Buffer.alloc(0) };
  for (const f of readFields(buf)) {
    if (f.field === 1) l.vertex = asString(f.data);
    else if (f.field === 3) l.stream = asInt(f.data);
    else if (f.field === 4) l.msg = Buffer.from(asBytes(f.data));
  }
  return l;
}

function warning(buf: Buffer): BkWarning {
  const w: BkWarning = { vertex: '', level: 0, short: '', detail: [] };
  for (const f of readFields(buf)) {
    if (f.field === 1) w.vertex = asString(f.data);
    else if (f.field === 2) w.level = asInt(f.data);
    else if (f.field === 3) w.short = asBytes(f.data).toString('utf8');
    else if (f.field === 4) w.detail.push(asBytes(f.data).toString('utf8'));
    else if (f.field === 5) w.url = asString(f.data);
  }
  return w;
}

/** Decodes one StatusResponse (raw bytes). Unknown fields are skipped; malformed input throws. */
export function decodeStatusResponse(buf: Buffer): BkStatusResponse {
  const r: BkStatusResponse = { vertexes: [], statuses: [], logs: [], warnings: [] };
  for (const f of readFields(buf)) {
    if (f.data.wire !== 2) continue;
    if (f.field === 1) r.vertexes.push(vertex(f.data.value));
    else if (f.field === 2) r.statuses.push(status(f.data.value));
    else if (f.field === 3) r.logs.push(log(f.data.value));
    else if (f.field === 4) r.warnings.push(warning(f.data.value));
  }
  return r;
}

/** Decodes the `aux` of a `moby.buildkit.trace` message (base64 string). */
export function decodeTraceAux(aux: string): BkStatusResponse {
  return decodeStatusResponse(Buffer.from(aux, 'base64'));
}
