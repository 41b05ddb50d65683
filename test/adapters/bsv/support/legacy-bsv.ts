import { createRequire } from 'node:module';

/** The parts of bsv@1.5.6's transaction and script parser used to read our bytes back independently. */
export interface LegacyChunk {
  opcodenum: number;
  buf?: Buffer;
}
interface LegacyTransaction {
  version: number;
  nLockTime: number;
  inputs: Array<{ prevTxId: Buffer; outputIndex: number; sequenceNumber: number }>;
  outputs: Array<{ satoshis: number; script: { chunks: LegacyChunk[]; toBuffer(): Buffer } }>;
}

// bsv@1.5.6 ships no typings that TypeScript finds (see test/devnet-bsv/support/legacy-verify.ts).
const bsv = createRequire(import.meta.url)('bsv') as { Transaction: new (hex: string) => LegacyTransaction };

/** A transaction as bsv@1.5.6 reads it, an implementation independent of the adapter's and @bsv/sdk's. */
export function legacyTransaction(raw: Uint8Array): LegacyTransaction {
  return new bsv.Transaction(Buffer.from(raw).toString('hex'));
}
