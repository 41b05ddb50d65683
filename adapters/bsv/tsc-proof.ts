import { createHash } from 'node:crypto';
import { MerklePath } from '@bsv/sdk';

/** One proof of WhatsOnChain's `GET tx/{txid}/proof/tsc`: the TSC fields it fills. */
export interface TscProof {
  index: number;
  /** The txid (WoC never sends the whole transaction here). */
  txOrId: string;
  /** The block hash (WoC leaves targetType out, so the target is the block's hash). */
  target: string;
  /** Siblings from the leaves up, display hex; "*" (or the node itself, as WoC sends it) when duplicated. */
  nodes: string[];
}

/** The proof from WoC's answer (an array of one, or one object), or why there is none. */
export function readTscProof(json: unknown): TscProof | string {
  const proof = Array.isArray(json) ? (json.length === 1 ? json[0] : undefined) : json;
  if (typeof proof !== 'object' || proof === null) return 'no proof in the answer';
  const { index, txOrId, target, nodes } = proof as Record<string, unknown>;
  if (!Number.isSafeInteger(index) || (index as number) < 0) return 'a proof without a whole index';
  if (typeof txOrId !== 'string' || typeof target !== 'string' || !/^[0-9a-fA-F]{64}$/.test(target)) return 'a proof without txOrId and a block hash target';
  if (!Array.isArray(nodes) || !nodes.every((n) => n === '*' || (typeof n === 'string' && /^[0-9a-fA-F]{64}$/.test(n)))) return 'a proof whose nodes are not hashes';
  return { index: index as number, txOrId: txOrId.toLowerCase(), target: target.toLowerCase(), nodes: nodes.map((n: string) => n.toLowerCase()) };
}

/**
 * The same path as BRC-74 (BUMP) hex, byte for byte as ARC gives it, for a transaction mined at
 * `blockHeight`: a node equal to the hash it pairs with is the last of its level, duplicated.
 */
export function tscToBump(txid: string, proof: TscProof, blockHeight: number): string {
  let own: Buffer = Buffer.from(txid, 'hex').reverse();
  const levels: ConstructorParameters<typeof MerklePath>[1] = proof.nodes.map((node, height) => {
    const offset = (proof.index >> height) ^ 1;
    const sibling = node === '*' ? own : Buffer.from(node, 'hex').reverse();
    const duplicate = sibling.equals(own);
    own = sha256d(offset & 1 ? Buffer.concat([own, sibling]) : Buffer.concat([sibling, own]));
    return [duplicate ? { offset, duplicate: true } : { offset, hash: node }];
  });
  const leaf = { offset: proof.index, hash: txid, txid: true };
  if (levels.length === 0) levels.push([leaf]);
  else levels[0] = [leaf, ...levels[0]!].sort((a, b) => a.offset - b.offset);
  return new MerklePath(blockHeight, levels).toHex();
}

function sha256d(data: Buffer): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}
