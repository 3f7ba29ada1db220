// A protobuf encoder for tests: builds BuildKit status messages field by field.
export class ProtoWriter {
  private parts: Buffer[] = [];
  private varint(n: bigint): Buffer {
    const bytes: number[] = [];
    let v = BigInt.asUintN(64, n);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      bytes.push(b);
    } while (v !== 0n);
    return Buffer.from(bytes);
  }
  int(field: number, n: number | bigint): this {
    this.parts.push(this.varint(BigInt(field << 3)), this.varint(BigInt(n)));
    return this;
  }
  bytes(field: number, b: Buffer | string): this {
    const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
    this.parts.push(this.varint(BigInt((field << 3) | 2)), this.varint(BigInt(buf.length)), buf);
    return this;
  }
  message(field: number, w: ProtoWriter): this {
    return this.bytes(field, w.finish());
  }
  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}
