import { concatBytes } from '@noble/hashes/utils.js';
import { equalBytes } from '../../encoding/bytes.ts';
import { PublisherSdkError } from '../../errors/sdk-error.ts';
import { hash256 } from './hash256.ts';
import type { Bump, BumpLeaf } from './parse-bump.ts';

/**
 * The Merkle root a BUMP computes for a transaction (both in internal byte order). At each level
 * the sibling is the other child of the working node's parent: taken from the path, or computed from the level below for a
 * compound path; an odd sibling sits on the right. A one-transaction block's root is the txid.
 */
export function merkleRoot(bump: Bump, txid: Uint8Array): Uint8Array {
  const level0 = bump.levels[0] ?? new Map<number, BumpLeaf>();
  const index = [...level0].find(([, leaf]) => !leaf.duplicate && equalBytes(leaf.hash, txid))?.[0];
  if (index === undefined) throw malformed('the path does not contain the transaction at level 0');
  const height = bump.levels.length;
  if (height === 1 && level0.size === 1) return txid;
  if (index >= 2 ** height) throw malformed(`offset ${index} does not fit a tree of height ${height}`);
  let working = txid;
  for (let level = 0; level < height; level++) {
    // Arithmetic rather than >> and ^, which would wrap past 2^31.
    const position = Math.floor(index / 2 ** level);
    const offset = position % 2 === 0 ? position + 1 : position - 1;
    const sibling = nodeAt(bump, level, offset);
    if (sibling === undefined) throw malformed(`no hash for offset ${offset} at level ${level}`);
    if (sibling.duplicate) working = hash256(concatBytes(working, working));
    else if (offset % 2 === 1) working = hash256(concatBytes(working, sibling.hash));
    else working = hash256(concatBytes(sibling.hash, working));
  }
  return working;
}

/** A node given at this level, or one the level below determines (compound paths omit those). */
function nodeAt(bump: Bump, level: number, offset: number): BumpLeaf | undefined {
  const given = bump.levels[level]?.get(offset);
  if (given !== undefined || level === 0) return given;
  const left = nodeAt(bump, level - 1, offset * 2);
  if (left === undefined || left.duplicate) return undefined;
  const right = nodeAt(bump, level - 1, offset * 2 + 1);
  if (right === undefined) return undefined;
  const hash = hash256(concatBytes(left.hash, right.duplicate ? left.hash : right.hash));
  return { duplicate: false, hash, txid: false };
}

function malformed(problem: string): PublisherSdkError {
  return new PublisherSdkError('MALFORMED_PROOF', `BUMP: ${problem}`);
}
