import type { BroadcastOutcome } from '../../core/adapter/index.ts';
import type { ArcClient } from './arc-client.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { readTx } from './read-tx.ts';
import { serializeTx, type TxOutput, type TxParts } from './tx-format.ts';
import { verdictOf } from './verdict-table.ts';
import type { WocClient } from './woc-client.ts';

/** Spent outputs of transactions built by this process, kept for their Extended Format. */
const REMEMBERED_TXS = 10_000;

export interface Broadcaster {
  /** Keeps what `txid`'s inputs spend, so its broadcast can be Extended Format without lookups. */
  remember(txid: string, sources: TxOutput[]): void;
  broadcast(tx: { txid: string; raw: Uint8Array }): Promise<BroadcastOutcome>;
}

/**
 * Sends signed bytes to ARC as Extended Format (BRC-30: ARC validates scripts and fees without
 * fetching parents), or to WhatsOnChain as raw hex, and classifies the answer with the verdict
 * table. Transactions built by another process (after a restart) get their spent outputs from
 * WhatsOnChain; failing that, the raw bytes go out and ARC finds the parents itself.
 */
export function createBroadcaster(options: ResolvedOptions, arc: ArcClient, woc: WocClient): Broadcaster {
  const remembered = new Map<string, TxOutput[]>();

  const parent = async (txid: string): Promise<TxParts | undefined> => {
    try {
      const raw = await woc.txRaw(txid);
      return raw && readTx(raw);
    } catch (error) {
      options.log.warn({ err: error, txid }, 'bsv: cannot read a parent transaction for the Extended Format');
      return undefined;
    }
  };

  const spentOutputs = async (tx: TxParts): Promise<TxOutput[] | undefined> => {
    const parents = new Map<string, TxParts | undefined>();
    const sources: TxOutput[] = [];
    for (const input of tx.inputs) {
      if (!parents.has(input.prevTxid)) parents.set(input.prevTxid, await parent(input.prevTxid));
      const output = parents.get(input.prevTxid)?.outputs[input.vout];
      if (!output) return undefined;
      sources.push(output);
    }
    return sources;
  };

  /** The Extended Format when every spent output is known; else the bytes as they are. */
  const arcBytes = async (tx: { txid: string; raw: Uint8Array }): Promise<Uint8Array> => {
    let parts: TxParts;
    try {
      parts = readTx(tx.raw);
    } catch (error) {
      // Not ours to judge: ARC refuses what is not a transaction (400 → invalid).
      if (error instanceof BsvAdapterError) return tx.raw;
      throw error;
    }
    const sources = remembered.get(tx.txid) ?? (await spentOutputs(parts));
    return sources && sources.length === parts.inputs.length ? serializeTx(parts, sources) : tx.raw;
  };

  return {
    remember(txid, sources) {
      remembered.delete(txid);
      remembered.set(txid, sources);
      // Map keeps insertion order: the first key is the oldest.
      if (remembered.size > REMEMBERED_TXS) remembered.delete(remembered.keys().next().value!);
    },

    async broadcast(tx) {
      const answer = options.broadcaster === 'woc' ? await woc.broadcast(tx.raw, tx.txid) : await arc.broadcast(await arcBytes(tx));
      const verdict = verdictOf(answer).broadcast;
      options.log.debug({ txid: tx.txid, via: options.broadcaster, verdict, detail: answer.detail }, 'bsv: broadcast answered');
      if (verdict === 'accepted' || verdict === 'already_known') return { kind: verdict };
      return { kind: 'rejected', reason: verdict, detail: `bsv: ${answer.detail}` };
    },
  };
}
