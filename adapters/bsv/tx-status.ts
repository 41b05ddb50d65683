import { MerklePath } from '@bsv/sdk';
import type { TxStatus } from '../../core/adapter/index.ts';
import type { ArcCallbackBook } from './arc-callback-book.ts';
import type { ArcClient } from './arc-client.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { verdictOf } from './verdict-table.ts';
import type { HeaderRead, WocClient } from './woc-client.ts';

/** Headers of blocks this process has read (bounded: oldest forgotten first); a batch shares one. */
const HEADERS_MAX = 1000;

/**
 * ARC's `GET /v1/tx/{txid}` (WhatsOnChain's `tx/hash/{txid}` and `tx/{txid}/proof/tsc` with
 * `broadcaster: woc`) as a TxStatus: mined with its block, Merkle path (BRC-74), the block's
 * 80-byte header and confirmations counted from the chain tip, header and tip read from WhatsOnChain
 * (the devnet's or the real one; ARC gives neither). The path must compute the header's Merkle
 * root, so no proof is stored that would not verify. A failed lookup is a `rejected` status with a
 * retryable reason (unavailable, timeout), which the core answers by asking again later.
 * A MINED callback from ARC (the book) stands in for ARC's lookup: its path is used directly,
 * checked like ARC's; one that does not match the header is forgotten and ARC asked.
 */
export function createStatus(options: ResolvedOptions, arc: ArcClient, woc: WocClient, book?: ArcCallbackBook): (txid: string) => Promise<TxStatus> {
  const headers = new Map<string, Buffer>();
  const headerOf = async (blockHash: string): Promise<HeaderRead> => {
    const known = headers.get(blockHash);
    if (known !== undefined) return { kind: 'header', header: known };
    const read = await woc.blockHeader(blockHash);
    if (read.kind === 'header') {
      if (headers.size >= HEADERS_MAX) headers.delete(headers.keys().next().value ?? '');
      headers.set(blockHash, read.header);
    }
    return read;
  };

  /** ARC knows only what it received: with `broadcaster: woc`, WhatsOnChain is asked instead. */
  const located = options.broadcaster === 'woc' ? (txid: string) => fromWoc(woc, txid) : (txid: string) => fromArc(options, arc, txid);

  const status = async (txid: string): Promise<TxStatus> => {
    if (!/^[0-9a-fA-F]{64}$/.test(txid)) return { kind: 'unknown' };
    const called = book?.minedOf(txid);
    const where: Located = called ? { kind: 'mined', ...called } : await located(txid.toLowerCase());
    switch (where.kind) {
      case 'pending':
      case 'unknown':
      case 'rejected':
        return where;
      case 'mined': {
        const { blockHash, blockHeight, merklePath } = where;
        const tip = await woc.chainTip();
        if (tip.kind === 'failed') return { kind: 'rejected', reason: tip.reason, detail: `bsv: ${tip.detail}` };
        const read = await headerOf(blockHash.toLowerCase());
        if (read.kind === 'failed') return { kind: 'rejected', reason: read.reason, detail: `bsv: ${read.detail}` };
        const mismatch = pathMismatch(merklePath, txid, read.header);
        if (mismatch !== undefined && called) {
          book!.forget(txid);
          options.log.warn({ txid, blockHash, detail: mismatch }, "bsv: ARC's MINED callback does not match the block's header; asking ARC");
          return status(txid);
        }
        if (mismatch !== undefined) return { kind: 'rejected', reason: 'unavailable', detail: `bsv: ARC's Merkle path for ${txid} in block ${blockHash} ${mismatch}` };
        // ARC may know the block before the tip source does: a mined transaction has at least one confirmation.
        const confirmations = Math.max(1, tip.height - blockHeight + 1);
        return { kind: 'mined', blockHeight, blockHash, confirmations, proof: { merklePath, blockHeader: read.header.toString('hex') } };
      }
    }
  };
  return status;
}

/** Where a source says the transaction is, before the header check. */
type Located = Exclude<TxStatus, { kind: 'mined' }> | { kind: 'mined'; blockHash: string; blockHeight: number; merklePath: string };

async function fromArc(options: ResolvedOptions, arc: ArcClient, txid: string): Promise<Located> {
  const status = await arc.txStatus(txid);
  const verdict = verdictOf(status.answer).status;
  switch (verdict) {
    case 'pending':
    case 'unknown':
      return { kind: verdict };
    case 'mined': {
      const { blockHash, blockHeight, merklePath } = status;
      if (blockHash === undefined || blockHeight === undefined || merklePath === undefined) {
        options.log.warn({ txid, detail: status.answer.detail }, 'bsv: ARC says MINED without block and Merkle path; still pending');
        return { kind: 'pending' };
      }
      return { kind: 'mined', blockHash, blockHeight, merklePath };
    }
    default:
      return { kind: 'rejected', reason: verdict, detail: `bsv: ${status.answer.detail}` };
  }
}

async function fromWoc(woc: WocClient, txid: string): Promise<Located> {
  const status = await woc.txStatus(txid);
  return status.kind === 'failed' ? { kind: 'rejected', reason: status.reason, detail: `bsv: ${status.detail}` } : status;
}

/** Why the path does not lead from the transaction to the header's Merkle root, if it does not. */
function pathMismatch(merklePath: string, txid: string, header: Buffer): string | undefined {
  const headerRoot = Buffer.from(header.subarray(36, 68)).reverse().toString('hex');
  let root: string;
  try {
    root = MerklePath.fromHex(merklePath).computeRoot(txid.toLowerCase());
  } catch (error) {
    return `does not parse or hold the transaction: ${error instanceof Error ? error.message : String(error)}`;
  }
  return root === headerRoot ? undefined : `computes the root ${root}, but the block's header holds ${headerRoot}`;
}
