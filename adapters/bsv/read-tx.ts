import { BsvAdapterError } from './bsv-adapter-error.ts';
import type { TxInput, TxOutput, TxParts } from './tx-format.ts';

/** Reads one transaction in the standard serialization; every byte must belong to it. */
export function readTx(raw: Uint8Array): TxParts {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > buf.length) throw new BsvAdapterError(`not a transaction: truncated at byte ${pos} of ${buf.length}`);
  };
  const u32 = () => {
    need(4);
    pos += 4;
    return buf.readUInt32LE(pos - 4);
  };
  const varint = () => {
    need(1);
    const first = buf[pos++]!;
    if (first < 0xfd) return first;
    const width = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    need(width);
    const value = width === 8 ? Number(buf.readBigUInt64LE(pos)) : buf.readUIntLE(pos, width);
    pos += width;
    // No count or length can exceed the bytes that are left: refuse before allocating for it.
    if (value > buf.length - pos) throw new BsvAdapterError(`not a transaction: length ${value} at byte ${pos - width - 1} exceeds the data`);
    return value;
  };
  const bytes = (n: number) => {
    need(n);
    pos += n;
    return buf.subarray(pos - n, pos);
  };

  const version = u32();
  const inputs: TxInput[] = [];
  for (let i = 0, n = varint(); i < n; i++) {
    const prevTxid = Buffer.from(bytes(32)).reverse().toString('hex');
    const vout = u32();
    const script = bytes(varint());
    inputs.push({ prevTxid, vout, script, sequence: u32() });
  }
  const outputs: TxOutput[] = [];
  for (let i = 0, n = varint(); i < n; i++) {
    need(8);
    const satoshis = buf.readBigUInt64LE(pos);
    pos += 8;
    outputs.push({ satoshis, script: bytes(varint()) });
  }
  const lockTime = u32();
  if (pos !== buf.length) throw new BsvAdapterError(`not a transaction: ${buf.length - pos} bytes after its end`);
  return { version, inputs, outputs, lockTime };
}
