import { createHash } from 'node:crypto';

export interface TxInput {
  /** Display (reversed) hex, as explorers, ARC and WhatsOnChain show txids. */
  prevTxid: string;
  vout: number;
  script: Buffer;
  sequence: number;
}

export interface TxOutput {
  satoshis: bigint;
  script: Buffer;
}

export interface TxParts {
  version: number;
  inputs: TxInput[];
  outputs: TxOutput[];
  lockTime: number;
}

/** BRC-30: after the version, six bytes no standard transaction can start with. */
const EF_MARKER = Buffer.from('0000000000ef', 'hex');

/**
 * The standard serialization, or with `sources` (the output each input spends, in input order)
 * the Extended Format of BRC-30, which lets ARC check scripts and fees without fetching parents.
 */
export function serializeTx(tx: TxParts, sources?: readonly TxOutput[]): Buffer {
  const outputs = outputsBytes(tx.outputs);
  let size = 8 + varintSize(tx.inputs.length) + outputs.length + (sources ? EF_MARKER.length : 0);
  for (const [i, input] of tx.inputs.entries()) {
    size += 40 + varintSize(input.script.length) + input.script.length;
    const source = sources?.[i];
    if (source) size += 8 + varintSize(source.script.length) + source.script.length;
  }
  const buf = Buffer.alloc(size);
  let pos = buf.writeUInt32LE(tx.version, 0);
  if (sources) pos += EF_MARKER.copy(buf, pos);
  pos = writeVarint(buf, pos, tx.inputs.length);
  for (const [i, input] of tx.inputs.entries()) {
    pos += Buffer.from(input.prevTxid, 'hex').reverse().copy(buf, pos);
    pos = buf.writeUInt32LE(input.vout, pos);
    pos = writeVarint(buf, pos, input.script.length);
    pos += input.script.copy(buf, pos);
    pos = buf.writeUInt32LE(input.sequence, pos);
    const source = sources?.[i];
    if (source) {
      pos = buf.writeBigUInt64LE(source.satoshis, pos);
      pos = writeVarint(buf, pos, source.script.length);
      pos += source.script.copy(buf, pos);
    }
  }
  pos += outputs.copy(buf, pos);
  buf.writeUInt32LE(tx.lockTime, pos);
  return buf;
}

/** The output count and every output: part of the transaction, and what SIGHASH_ALL commits to. */
export function outputsBytes(outputs: readonly TxOutput[]): Buffer {
  const size = outputs.reduce((sum, o) => sum + outputSize(o.script.length), varintSize(outputs.length));
  const buf = Buffer.alloc(size);
  let pos = writeVarint(buf, 0, outputs.length);
  for (const output of outputs) {
    pos = buf.writeBigUInt64LE(output.satoshis, pos);
    pos = writeVarint(buf, pos, output.script.length);
    pos += output.script.copy(buf, pos);
  }
  return buf;
}

/** Bytes of one serialized output with a script of this length. */
export function outputSize(scriptLength: number): number {
  return 8 + varintSize(scriptLength) + scriptLength;
}

export function varintSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

/** Writes a varint at `pos`; returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, n: number): number {
  if (n < 0xfd) return buf.writeUInt8(n, pos);
  if (n <= 0xffff) return buf.writeUInt16LE(n, buf.writeUInt8(0xfd, pos));
  if (n <= 0xffffffff) return buf.writeUInt32LE(n, buf.writeUInt8(0xfe, pos));
  return buf.writeBigUInt64LE(BigInt(n), buf.writeUInt8(0xff, pos));
}

export function hash256(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/** The txid in display order: the reversed double SHA-256 of the standard serialization. */
export function txidOf(raw: Uint8Array): string {
  return hash256(raw).reverse().toString('hex');
}
