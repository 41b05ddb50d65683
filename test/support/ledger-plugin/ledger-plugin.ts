import { createHash } from 'node:crypto';
import type { ChainAdapter, SignedTransaction } from '../../../core/adapter/index.ts';
import type { ChainPlugin } from '../../../core/plugin/index.ts';

/**
 * A tiny account-funded chain for tests: a ledger in memory with a fixed balance (setting
 * `balance`, in `grain`s) and a price per record (`price`). A transaction is the batch's record ids;
 * it is final as soon as it is sent. Several instances under different names are several chains.
 */
export function ledgerPlugin(name: string): ChainPlugin {
  return {
    name,
    funding: { model: 'account', unit: 'grain' },
    settings: [
      { key: 'balance', type: 'amount', default: 100n, doc: "the operator's balance on the ledger" },
      { key: 'price', type: 'amount', default: 30n, doc: 'what one record costs' },
    ],
    async start({ settings, batchSize }) {
      return { adapter: ledgerAdapter(name, settings['balance'] as bigint, settings['price'] as bigint, batchSize), stop: async () => undefined };
    },
    verifier: { chain: name, verify: async (_anchor, { index }) => ({ checks: [{ name: `${name}.sent`, anchor: index, ok: true, detail: 'a test ledger' }] }) },
  };
}

export function ledgerAdapter(name: string, balance: bigint, price: bigint, batchSize = 1): ChainAdapter {
  const sent = new Map<string, number>();
  return {
    name,
    network: 'test',
    operatorAddress: `${name}-operator`,
    capabilities: { maxRecordsPerTransaction: batchSize, maxRecordBytes: 65_536, confirmationDepth: 1 },
    funding: { model: 'account', balance: async () => balance },
    estimate: async (batch) => ({ amount: price * BigInt(batch.length), unit: 'grain' }),
    async build(batch, grant): Promise<SignedTransaction> {
      if (grant.model !== 'account') throw new Error(`${name} is funded by its account`);
      const raw = new TextEncoder().encode(JSON.stringify(batch.map((record) => record.recordId)));
      return { txid: createHash('sha256').update(raw).digest('hex'), raw, fee: price * BigInt(batch.length), locators: batch.map((_, i) => String(i)), change: [] };
    },
    async broadcast(tx) {
      if (sent.has(tx.txid)) return { kind: 'already_known' };
      sent.set(tx.txid, sent.size + 1);
      return { kind: 'accepted' };
    },
    async status(txid) {
      const height = sent.get(txid);
      return height === undefined ? { kind: 'unknown' } : { kind: 'mined', blockHeight: height, blockHash: txid, confirmations: sent.size - height + 1, proof: {} };
    },
    anchor: (input) => ({ chain: name, network: 'test', txid: input.txid, locator: input.locator }),
    health: async () => ({ ok: true, detail: 'in memory' }),
  };
}
