// A minimal protobuf wire-format reader: varints, length-delimited fields and fixed-size fields.
// Enough to decode BuildKit's StatusResponse without pulling in a protobuf library.

export type WireValue =
  | { wire: 0; value: bigint }
  | { wire: 1; value: Buffer }
  | { wire: 2; value: Buffer }
  | { wire: 5; value: Buffer };

export interface WireField { field: number; data: WireValue }

export class ProtobufError extends Error {}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new ProtobufError('varint too long');
}

/** Splits one message into its fields, in wire order. Groups (wire types 3/4) are rejected. */
export function readFields(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtobufError('field number 0');
    switch (wire) {
      case 0: {
        const [v, p2] = readVarint(buf, pos);
        pos = p2;
        out.push({ field, data: { wire: 0, value: v } });
        break;
      }
      case 1:
        if (pos + 8 > buf.length) throw new ProtobufError('truncated fixed64');
        out.push({ field, data: { wire: 1, value: buf.subarray(pos, pos + 8) } });
        pos += 8;
        break;
      case 2: {
        const [len, p2] = readVarint(buf, pos);
        const n = Number(len);
        if (p2 + n > buf.length) throw new ProtobufError('truncated length-delimited field');
        out.push({ field, data: { wire: 2, value: buf.subarray(p2, p2 + n) } });
        pos = p2 + n;
        break;
      }
      case 5:
        if (pos + 4 > buf.length) throw new ProtobufError('truncated fixed32');
        out.push({ field, data: { wire: 5, value: buf.subarray(pos, pos + 4) } });
        pos += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

export function asString(v: WireValue): string {
  return v.wire === 2 ? v.value.toString('utf8') : '';
}
export function asBytes(v: WireValue): Buffer {
  return v.wire === 2 ? v.value : Buffer.alloc(0);
}
/** int64 (two's complement varint) as a JS number. */
export function asInt(v: WireValue): number {
  if (v.wire !== 0) return 0;
  return Number(BigInt.asIntN(64, v.value));
}
export function asBool(v: WireValue): boolean {
  return v.wire === 0 && v.value !== 0n;
}
