import { createHash } from 'node:crypto';

export interface TxInput {
  /** Display (big-endian) hex, as in explorers and ARC. */
  prevTxid: string;
  vout: number;
  script: Buffer;
  sequence: number;
  /** The spent output as carried by an Extended Format (BRC-30) transaction. */
  source?: TxOutput;
}

export interface TxOutput {
  satoshis: bigint;
  script: Buffer;
}

export interface ParsedTx {
  txid: string;
  /** The standard serialization (what is hashed and mined), also for an EF submission. */
  raw: Buffer;
  ef: boolean;
  version: number;
  inputs: TxInput[];
  outputs: TxOutput[];
  lockTime: number;
}

/** The bytes are not a transaction. ARC answers these with 400 (the Go SDK fails to read the stream). */
export class TxFormatError extends Error {
  override readonly name = 'TxFormatError';
}

/** The null hash: a coinbase input's previous txid, the genesis block's previous hash. */
export const NULL_HASH = '0'.repeat(64);

const EF_MARKER = Buffer.from('0000000000ef', 'hex');
const MIN_INPUT_BYTES = 41;
const MIN_OUTPUT_BYTES = 9;

/** Splits concatenated raw / EF transactions (ARC's octet-stream and `/v1/txs` bodies). */
export function readTransactions(bytes: Buffer): ParsedTx[] {
  const cursor = new Cursor(bytes);
  const txs: ParsedTx[] = [];
  while (cursor.pos < bytes.length) txs.push(readOne(cursor));
  return txs;
}

/** Exactly one transaction, nothing after it. */
export function readTransaction(bytes: Buffer): ParsedTx {
  const cursor = new Cursor(bytes);
  const tx = readOne(cursor);
  if (cursor.pos !== bytes.length) throw new TxFormatError(`${bytes.length - cursor.pos} bytes after the transaction`);
  return tx;
}

function readOne(c: Cursor): ParsedTx {
  const start = c.pos;
  const version = c.u32();
  const ef = c.buf.length >= start + 10 && c.buf.subarray(start + 4, start + 10).equals(EF_MARKER);
  if (ef) c.pos += EF_MARKER.length;
  const inputs: TxInput[] = [];
  const nIn = c.count(MIN_INPUT_BYTES);
  for (let i = 0; i < nIn; i++) {
    const prevTxid = Buffer.from(c.bytes(32)).reverse().toString('hex');
    const vout = c.u32();
    const script = c.bytes(c.varint());
    const sequence = c.u32();
    const input: TxInput = { prevTxid, vout, script, sequence };
    if (ef) input.source = { satoshis: c.u64(), script: c.bytes(c.varint()) };
    inputs.push(input);
  }
  const outputs: TxOutput[] = [];
  const nOut = c.count(MIN_OUTPUT_BYTES);
  for (let i = 0; i < nOut; i++) outputs.push({ satoshis: c.u64(), script: c.bytes(c.varint()) });
  const lockTime = c.u32();
  const whole = start === 0 && c.pos === c.buf.length;
  const raw = ef ? writeTransaction({ version, inputs, outputs, lockTime }) : whole ? c.buf : Buffer.from(c.buf.subarray(start, c.pos));
  return { txid: txidOf(raw), raw, ef, version, inputs, outputs, lockTime };
}

export function writeTransaction(tx: Pick<ParsedTx, 'version' | 'inputs' | 'outputs' | 'lockTime'>): Buffer {
  let size = 8 + varintSize(tx.inputs.length) + varintSize(tx.outputs.length);
  for (const input of tx.inputs) size += 40 + varintSize(input.script.length) + input.script.length;
  for (const output of tx.outputs) size += 8 + varintSize(output.script.length) + output.script.length;
  const buf = Buffer.alloc(size);
  let pos = buf.writeUInt32LE(tx.version, 0);
  pos = writeVarint(buf, pos, tx.inputs.length);
  for (const input of tx.inputs) {
    pos += Buffer.from(input.prevTxid, 'hex').reverse().copy(buf, pos);
    pos = buf.writeUInt32LE(input.vout, pos);
    pos = writeVarint(buf, pos, input.script.length);
    pos += input.script.copy(buf, pos);
    pos = buf.writeUInt32LE(input.sequence, pos);
  }
  pos = writeVarint(buf, pos, tx.outputs.length);
  for (const output of tx.outputs) {
    pos = buf.writeBigUInt64LE(output.satoshis, pos);
    pos = writeVarint(buf, pos, output.script.length);
    pos += output.script.copy(buf, pos);
  }
  buf.writeUInt32LE(tx.lockTime, pos);
  return buf;
}

export function sha256d(data: Buffer): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

export function txidOf(raw: Buffer): string {
  return sha256d(raw).reverse().toString('hex');
}

/** `OP_RETURN …` or `OP_FALSE OP_RETURN …`: a data output (go-sdk's `Script.IsData`, which ARC uses). */
export function isDataScript(script: Buffer): boolean {
  return script[0] === 0x6a || (script[0] === 0x00 && script[1] === 0x6a);
}

export function varintSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  if (n < 0xfd) return buf.writeUInt8(n, pos);
  if (n <= 0xffff) return buf.writeUInt16LE(n, buf.writeUInt8(0xfd, pos));
  if (n <= 0xffffffff) return buf.writeUInt32LE(n, buf.writeUInt8(0xfe, pos));
  return buf.writeBigUInt64LE(BigInt(n), buf.writeUInt8(0xff, pos));
}

class Cursor {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new TxFormatError(`transaction truncated: ${n} more bytes needed at offset ${this.pos} of ${this.buf.length}`);
    }
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  varint(): number {
    this.need(1);
    const first = this.buf[this.pos++]!;
    if (first < 0xfd) return first;
    const width = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    this.need(width);
    const v = width === 8 ? this.buf.readBigUInt64LE(this.pos) : BigInt(this.buf.readUIntLE(this.pos, width));
    this.pos += width;
    if (v > BigInt(this.buf.length)) throw new TxFormatError(`length ${v} at offset ${this.pos - width - 1} exceeds the data`);
    return Number(v);
  }

  /** An item count, refused when the remaining bytes cannot hold that many items (no huge allocations). */
  count(minItemBytes: number): number {
    const n = this.varint();
    if (n * minItemBytes > this.buf.length - this.pos) throw new TxFormatError(`count ${n} at offset ${this.pos} exceeds the data`);
    return n;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}
