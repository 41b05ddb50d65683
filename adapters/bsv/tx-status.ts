import type { TxStatus } from '../../core/adapter/index.ts';
import type { ArcClient } from './arc-client.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { verdictOf } from './verdict-table.ts';
import type { WocClient } from './woc-client.ts';

/**
 * ARC's `GET /v1/tx/{txid}` as a TxStatus: mined with its block, Merkle path (BRC-74) and
 * confirmations counted from the chain tip that WhatsOnChain reports (`chain/info`: the devnet's or
 * the real one). A failed lookup is a `rejected` status with a retryable reason (unavailable,
 * timeout), which the core answers by asking again later.
 */
export function createStatus(options: ResolvedOptions, arc: ArcClient, woc: WocClient): (txid: string) => Promise<TxStatus> {
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
        // ARC may know the block before the tip source does: a mined transaction has at least one confirmation.
        const confirmations = Math.max(1, tip.height - blockHeight + 1);
        return { kind: 'mined', blockHeight, blockHash, confirmations, proof: { merklePath } };
      }
      default:
        return { kind: 'rejected', reason: verdict, detail: `bsv: ${status.answer.detail}` };
    }
  };
}
