import { MerklePath } from '@bsv/sdk';
import { sha256d } from './tx-codec.ts';

/**
 * Every level of a block's Merkle tree, leaves first, hashes in internal byte order. Built once per
 * block (linear in its transactions), so each transaction's path is then only a walk up the levels.
 */
export function merkleLevels(txids: string[]): Buffer[][] {
  const levels: Buffer[][] = [txids.map((txid) => Buffer.from(txid, 'hex').reverse())];
  for (let level = levels[0]!; level.length > 1; ) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      next.push(sha256d(Buffer.concat([left, level[i + 1] ?? left])));
    }
    levels.push(next);
    level = next;
  }
  return levels;
}

/** Display (big-endian) hex of the root, as in block headers shown by explorers. */
export function merkleRootHex(levels: Buffer[][]): string {
  return display(levels[levels.length - 1]![0]!);
}

/** The BRC-74 path of the transaction at `index`: its sibling at each level, or a duplicate marker. */
export function merklePathOf(levels: Buffer[][], index: number, blockHeight: number): MerklePath {
  const txid = display(levels[0]![index]!);
  const path: ConstructorParameters<typeof MerklePath>[1] = [];
  for (let height = 0; height < levels.length - 1; height++) {
    const offset = (index >> height) ^ 1;
    const sibling = levels[height]![offset];
    const leaf = sibling ? { offset, hash: display(sibling) } : { offset, duplicate: true };
    path.push(height === 0 ? [{ offset: index, hash: txid, txid: true }, leaf].sort((a, b) => a.offset - b.offset) : [leaf]);
  }
  if (path.length === 0) path.push([{ offset: 0, hash: txid, txid: true }]);
  return new MerklePath(blockHeight, path);
}

function display(hash: Buffer): string {
  return Buffer.from(hash).reverse().toString('hex');
}
