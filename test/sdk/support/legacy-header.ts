import { createRequire } from 'node:module';

/** The part of bsv@1.5.6's BlockHeader used here; its bundled typings are not found by TypeScript. */
interface LegacyBlockHeader {
  readonly hash: string;
  readonly merkleRoot: Buffer;
  readonly bits: number;
  validProofOfWork(): boolean;
}

const bsv = createRequire(import.meta.url)('bsv') as { BlockHeader: { fromString(hex: string): LegacyBlockHeader } };

export interface LegacyVerdict {
  /** Display hex of the header's hash. */
  readonly hash: string;
  /** Display hex of the Merkle root the header holds. */
  readonly merkleRoot: string;
  /** The hash meets the target of the header's own nBits. */
  readonly validProofOfWork: boolean;
}

/** A block header read by bsv@1.5.6, an implementation independent of the SDK's. */
export function legacyHeader(headerHex: string): LegacyVerdict {
  const header = bsv.BlockHeader.fromString(headerHex);
  return { hash: header.hash, merkleRoot: Buffer.from(header.merkleRoot).reverse().toString('hex'), validProofOfWork: header.validProofOfWork() };
}
