import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../../../core/adapter/index.ts';
import { arweaveRsaPssScheme, secp256k1Scheme } from '../../../core/schemes/index.ts';
import { opReturnPushes } from '../../../sdk/verify/bsv/op-return-pushes.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { legacyTransaction } from './support/legacy-bsv.ts';
import { offlineAdapter } from './support/offline-adapter.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const { adapter, grant } = offlineAdapter();

/** Each push as bsv@1.5.6 reads it: [opcode, data hex]. */
async function pushesOf(record: BatchRecord): Promise<{ script: string; chunks: Array<[number, string]>; satoshis: number }> {
  const tx = await adapter.build([record], grant());
  const output = legacyTransaction(tx.raw).outputs[Number(tx.locators[0])]!;
  return { script: hex(output.script.toBuffer()), chunks: output.script.chunks.map((c) => [c.opcodenum, c.buf ? hex(c.buf) : '']), satoshis: output.satoshis };
}

describe('bsv adapter: a record output is wire-format §3 byte for byte', () => {
  it('writes a secp256k1 creator’s record as OP_FALSE OP_RETURN and six direct pushes, the version as 01 01 (not OP_1)', async () => {
    const [record] = batchRecords(1, ['bsv'], secp256k1Scheme);
    const { script, chunks, satoshis } = await pushesOf(record!);
    expect(satoshis).toBe(0);
    expect(chunks).toEqual([
      [0x00, ''],
      [0x6a, ''],
      [0x08, hex(Buffer.from('chainpub'))],
      [0x01, '01'],
      [0x20, hex(record!.digest)],
      [0x09, hex(Buffer.from('secp256k1'))],
      [0x21, hex(record!.publicKey)],
      [0x40, hex(record!.signature)],
    ]);
    expect(script).toBe(`006a08${hex(Buffer.from('chainpub'))}0101` + `20${record!.recordId}09${hex(Buffer.from('secp256k1'))}21${hex(record!.publicKey)}40${hex(record!.signature)}`);
  });

  it('writes an arweave-rsa-pss creator’s 512-byte modulus and signature with PUSHDATA2 (4d 00 02)', async () => {
    const [record] = batchRecords(1, ['bsv'], arweaveRsaPssScheme);
    const { script, chunks } = await pushesOf(record!);
    expect(record!.publicKey).toHaveLength(512);
    expect(chunks).toEqual([
      [0x00, ''],
      [0x6a, ''],
      [0x08, hex(Buffer.from('chainpub'))],
      [0x01, '01'],
      [0x20, hex(record!.digest)],
      [0x0f, hex(Buffer.from('arweave-rsa-pss'))],
      [0x4d, hex(record!.publicKey)],
      [0x4d, hex(record!.signature)],
    ]);
    expect(script).toBe(`006a08${hex(Buffer.from('chainpub'))}0101` + `20${record!.recordId}0f${hex(Buffer.from('arweave-rsa-pss'))}4d0002${hex(record!.publicKey)}4d0002${hex(record!.signature)}`);
    // The largest record: 8 satoshi bytes, a 3-byte length and this 1092-byte script.
    expect(script.length / 2).toBe(1092);
    expect(adapter.capabilities.maxRecordBytes).toBe(8 + 3 + 1092);
  });

  it('puts the records at outputs 0…n-1 in batch order, the P2PKH change last, in a version-1 transaction the SDK verifier reads', async () => {
    const batch = batchRecords(4, ['bsv']);
    const tx = await adapter.build(batch, grant());
    const legacy = legacyTransaction(tx.raw);
    expect(legacy.version).toBe(1);
    expect(tx.locators).toEqual(['0', '1', '2', '3']);
    expect(legacy.outputs).toHaveLength(5);
    for (const [i, record] of batch.entries()) {
      const pushes = opReturnPushes(legacy.outputs[i]!.script.toBuffer())!.map(hex);
      expect(pushes).toEqual([hex(Buffer.from('chainpub')), '01', record.recordId, hex(Buffer.from(record.scheme)), hex(record.publicKey), hex(record.signature)]);
    }
    expect(tx.change).toEqual([{ txid: tx.txid, vout: 4, amount: BigInt(legacy.outputs[4]!.satoshis), lockingScript: hex(legacy.outputs[4]!.script.toBuffer()) }]);
    expect(legacy.outputs[4]!.script.chunks.map((c) => c.opcodenum)).toEqual([0x76, 0xa9, 0x14, 0x88, 0xac]);
  });
});
