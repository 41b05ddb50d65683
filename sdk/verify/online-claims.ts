import type { OnlineClaim } from './proof-report.ts';

/**
 * What an anchor claims that only the chain can confirm. BSV: the header ties the transaction to
 * a block with proof of work, offline; that this block is in the best chain, at the height the
 * path names, is not in the bundle. Arweave: the operator signed the item; that a bundle holding
 * it was mined, and where, is not in the bundle either.
 */
export function onlineClaim(chain: OnlineClaim['chain'], anchor: Readonly<Record<string, unknown>>, index: number, pathHeight?: number): OnlineClaim {
  const block = `block ${text(anchor['blockHash'])}`;
  const height = pathHeight ?? anchor['blockHeight'];
  const depth = `with ${text(anchor['confirmations'])} or more confirmations`;
  if (chain === 'bsv') return { anchor: index, chain, claim: `${block} is in the best chain at height ${text(height)}, ${depth}` };
  const where = `in ${block} at height ${text(height)} of the best chain, ${depth}`;
  const claim = typeof anchor['bundleId'] === 'string' ? `bundle ${anchor['bundleId']} holds item ${text(anchor['id'])} and is ${where}` : `transaction ${text(anchor['id'])} is ${where}`;
  return { anchor: index, chain, claim };
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '(none named)';
}
