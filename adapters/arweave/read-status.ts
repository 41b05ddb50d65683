import type { TxStatus } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { checkMinedData } from './check-mined-data.ts';
import { describeAnswer } from './gateway-client.ts';
import { minedFields, statusRows, txRows, verdict } from './verdict-table.ts';

const TXID = /^[A-Za-z0-9_-]{43}$/;
/** Transactions whose mined data this process has checked (bounded: oldest forgotten first). */
const CHECKED_MAX = 10_000;

/**
 * `status(txid)`: `/tx/{id}/status` read through the status table. Confirmations are the node's
 * `number_of_confirmations` (tip − block height + 1: the block holding the transaction counts as
 * one), not computed from `/info`, which an ar.io gateway caches for up to 120 s. A 404 asks
 * `GET /tx/{id}`, where a node answers 410 with why it refused the transaction; otherwise the
 * transaction is unknown. Once mined, the data check (check-mined-data.ts) runs once per
 * transaction and process.
 */
export function statusReader(ctx: AdapterContext): (txid: string) => Promise<TxStatus> {
  const checked = new Map<string, Record<string, string>>();
  return async (txid) => {
    // Not an Arweave id: no transaction of ours, and nothing a gateway could know.
    if (!TXID.test(txid)) return { kind: 'unknown' };
    const answer = await ctx.gateway.get(`/tx/${txid}/status`);
    const judged = verdict(statusRows, answer);
    const mined = minedFields(answer);
    if (judged.verdict === 'pending') return { kind: 'pending' };
    if (judged.verdict === 'not_found') return refusedOrUnknown(ctx, txid);
    if (judged.verdict !== 'mined' || mined === undefined) {
      return { kind: 'rejected', reason: judged.verdict === 'mined' ? 'unavailable' : judged.verdict, detail: `arweave: ${judged.rule}: ${describeAnswer(answer)}` };
    }
    let proof = checked.get(txid);
    if (proof === undefined) {
      const data = await checkMinedData(ctx, txid);
      if (!data.ok) {
        ctx.options.log.warn({ txid, status: data.status }, 'mined, but its data does not check out yet');
        return data.status;
      }
      proof = data.proof;
      if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value ?? '');
      checked.set(txid, proof);
    }
    return { kind: 'mined', blockHeight: mined.blockHeight, blockHash: mined.blockHash, confirmations: Math.max(1, mined.confirmations), proof: { ...proof } };
  };
}

/** After a 404 status: refused (410 on `GET /tx/{id}`), pending after all (202), or unknown. */
async function refusedOrUnknown(ctx: AdapterContext, txid: string): Promise<TxStatus> {
  const answer = await ctx.gateway.get(`/tx/${txid}`);
  const kept = verdict(txRows, answer);
  if (kept.verdict === 'held') return { kind: 'pending' };
  if (kept.verdict === 'not_held') return { kind: 'unknown' };
  return { kind: 'rejected', reason: kept.verdict, detail: `arweave: status 404, then GET /tx/{id}: ${kept.rule}: ${describeAnswer(answer)}` };
}
