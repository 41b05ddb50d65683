import type { TxStatus } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { checkMinedData } from './check-mined-data.ts';
import { describeAnswer } from './gateway-client.ts';
import { readInfo } from './gateway-reads.ts';
import { minedFields, statusRows, verdict } from './verdict-table.ts';

const TXID = /^[A-Za-z0-9_-]{43}$/;
/** Transactions whose mined data this process has checked (bounded: oldest forgotten first). */
const CHECKED_MAX = 10_000;

/**
 * `status(txid)`: `/tx/{id}/status` read through the status table; once mined, the data check
 * (check-mined-data.ts) runs once per transaction and process, and confirmations are counted from
 * the tip: tip height (`/info`) − block height + 1, so the block holding the transaction counts as
 * one, as arweave.net counts. arlocal's own `number_of_confirmations` is one less, and its block
 * height is that of the first block mined after the post, so after `mine(n)` this gives n.
 */
export function statusReader(ctx: AdapterContext): (txid: string) => Promise<TxStatus> {
  const checked = new Map<string, Record<string, string>>();
  return async (txid) => {
    // Not an Arweave id: no transaction of ours, and nothing a gateway could know.
    if (!TXID.test(txid)) return { kind: 'unknown' };
    const answer = await ctx.gateway.get(`/tx/${txid}/status`);
    const judged = verdict(statusRows, answer);
    const mined = minedFields(answer);
    if (judged.verdict === 'pending' || judged.verdict === 'unknown') return { kind: judged.verdict };
    if (judged.verdict !== 'mined' || mined === undefined) {
      return { kind: 'rejected', reason: judged.verdict === 'mined' ? 'unavailable' : judged.verdict, detail: `arweave: ${judged.rule}: ${describeAnswer(answer)}` };
    }
    let tip: number;
    try {
      tip = (await readInfo(ctx.gateway)).height;
    } catch (error) {
      return { kind: 'rejected', reason: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
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
    return { kind: 'mined', blockHeight: mined.blockHeight, blockHash: mined.blockHash, confirmations: Math.max(1, tip - mined.blockHeight + 1), proof: { ...proof } };
  };
}
