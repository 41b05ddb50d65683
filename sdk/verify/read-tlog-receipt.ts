import { fromUtf8 } from '../encoding/utf8.ts';
import { decodeBase64 } from './base64.ts';
import { readCheckpoint } from './read-checkpoint.ts';
import { leafHash, nodeHash } from './tlog-hash.ts';

/** A receipt (wire-format.md §2): a c2sp.org/tlog-proof@v1 of one log entry, read but not yet checked. */
export interface TlogReceipt {
  readonly entryBytes: Uint8Array;
  /** The entry's JSON: {index, at, kind, actor, subject, data}. */
  readonly entry: Readonly<Record<string, unknown>>;
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint, verbatim, and what its body says. */
  readonly checkpoint: string;
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** Parses the tlog-proof text (c2sp.org/tlog-proof); throws with what is wrong. */
export function readTlogReceipt(text: string): TlogReceipt {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error('the receipt has no blank line before its checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines[0] !== 'c2sp.org/tlog-proof@v1') throw new Error('the receipt is not a c2sp.org/tlog-proof@v1');
  const extra = /^extra (\S+)$/.exec(lines[1] ?? '');
  const index = /^index (0|[1-9][0-9]*)$/.exec(lines[2] ?? '');
  if (!extra || !index) throw new Error('the receipt lacks its "extra" (the entry) and "index" lines');
  const entryBytes = decodeBase64(extra[1]!);
  const entry = JSON.parse(fromUtf8(entryBytes)) as unknown;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error('the receipt\'s entry is not a JSON object');
  const checkpoint = text.slice(split + 2);
  const { origin, size, rootHash } = readCheckpoint(checkpoint);
  const proof = lines.slice(3).map(decodeBase64);
  if (proof.some((h) => h.length !== 32)) throw new Error('a hash of the receipt is not 32 bytes');
  return { entryBytes, entry: entry as Record<string, unknown>, index: Number(index[1]), proof, checkpoint, origin, size, rootHash };
}

/** RFC 9162 §2.1.3.2: the root the inclusion proof of `leaf` at `index` gives in a tree of `size`, or undefined if it cannot. */
export function rootFromInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | undefined {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}
