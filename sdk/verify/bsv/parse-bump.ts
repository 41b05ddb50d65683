import { ByteReader } from '../../encoding/byte-reader.ts';

/**
 * One node of the path: a hash in internal byte order (as hashed), possibly flagged (0x02) as a
 * transaction the path was made for, or a duplicate marker (0x01): a copy of its left sibling,
 * the last node of an odd level.
 */
export type BumpLeaf = { readonly duplicate: true } | { readonly duplicate: false; readonly hash: Uint8Array; readonly txid: boolean };

export interface Bump {
  readonly blockHeight: number;
  /** One map per tree level (0 = transactions), offset → leaf. */
  readonly levels: readonly ReadonlyMap<number, BumpLeaf>[];
}

/**
 * A BRC-74 BSV Unified Merkle Path: block height (VarInt), tree height (one byte), then per level
 * the number of leaves (VarInt) and each leaf as offset (VarInt), flags (one byte) and, unless it
 * is a duplicate, a 32-byte hash in internal (little-endian) byte order.
 */
export function parseBump(bytes: Uint8Array): Bump {
  const reader = new ByteReader(bytes, 'BUMP');
  const blockHeight = reader.varInt('block height');
  const treeHeight = reader.u8('tree height');
  if (treeHeight === 0) reader.fail('tree height 0 leaves no level for the transaction');
  const levels: Map<number, BumpLeaf>[] = [];
  for (let level = 0; level < treeHeight; level++) {
    const leaves = new Map<number, BumpLeaf>();
    const count = reader.varInt(`level ${level} leaf count`);
    for (let i = 0; i < count; i++) {
      const offset = reader.varInt(`level ${level} offset`);
      const flags = reader.u8(`level ${level} flags`);
      if (flags > 0x02) reader.fail(`level ${level} offset ${offset} has unknown flags 0x${flags.toString(16)}`);
      if (leaves.has(offset)) reader.fail(`level ${level} lists offset ${offset} twice`);
      leaves.set(offset, flags === 0x01 ? { duplicate: true } : { duplicate: false, hash: reader.read(32, `level ${level} hash`), txid: flags === 0x02 });
    }
    levels.push(leaves);
  }
  reader.end();
  return { blockHeight, levels };
}
