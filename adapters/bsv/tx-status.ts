import { MerklePath } from '@bsv/sdk';
import type { TxStatus } from '../../core/adapter/index.ts';
import type { ArcClient } from './arc-client.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { verdictOf } from './verdict-table.ts';
import type { HeaderRead, WocClient } from './woc-client.ts';

/** Headers of blocks this process has read (bounded: oldest forgotten first); a batch shares one. */
const HEADERS_MAX = 1000;

/**
 * ARC's `GET /v1/tx/{txid}` as a TxStatus: mined with its block, Merkle path (BRC-74), the block's
 * 80-byte header and confirmations counted from the chain tip, header and tip read from WhatsOnChain
 * (the devnet's or the real one; ARC gives neither). The path must compute the header's Merkle
 * root, so no proof is stored that would not verify. A failed lookup is a `rejected` status with a
 * retryable reason (unavailable, timeout), which the core answers by asking again later.
 */
export function createStatus(options: ResolvedOptions, arc: ArcClient, woc: WocClient): (txid: string) => Promise<TxStatus> {
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

  return async (txid) => {
    if (!/^[0-9a-fA-F]{64}$/.test(txid)) return { kind: 'unknown' };
    const status = await arc.txStatus(txid.toLowerCase());
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
        const tip = await woc.chainTip();
        if (tip.kind === 'failed') return { kind: 'rejected', reason: tip.reason, detail: `bsv: ${tip.detail}` };
        const read = await headerOf(blockHash.toLowerCase());
        if (read.kind === 'failed') return { kind: 'rejected', reason: read.reason, detail: `bsv: ${read.detail}` };
        const mismatch = pathMismatch(merklePath, txid, read.header);
        if (mismatch !== undefined) return { kind: 'rejected', reason: 'unavailable', detail: `bsv: ARC's Merkle path for ${txid} in block ${blockHash} ${mismatch}` };
        // ARC may know the block before the tip source does: a mined transaction has at least one confirmation.
        const confirmations = Math.max(1, tip.height - blockHeight + 1);
        return { kind: 'mined', blockHeight, blockHash, confirmations, proof: { merklePath, blockHeader: read.header.toString('hex') } };
      }
      default:
        return { kind: 'rejected', reason: verdict, detail: `bsv: ${status.answer.detail}` };
    }
  };
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
