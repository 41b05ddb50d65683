import type { SignedTransaction, Utxo, UtxoFunding } from '../../core/adapter/index.ts';
import type { FundingKey } from './funding-key.ts';
import { operatorTransactionReader } from './operator-transaction.ts';
import { readTx } from './read-tx.ts';
import type { TxParts } from './tx-format.ts';
import type { ListedOutput, WocClient } from './woc-client.ts';

/** Parallel `tx/{txid}/hex` reads: quick on a big pool, gentle on WhatsOnChain's rate limits. */
const PARALLEL_READS = 4;

/**
 * The funding key's outputs as WhatsOnChain sees them: `address/{addr}/unspent` says which are
 * unspent (mempool included, outputs spent in the mempool left out), and each transaction is read
 * to take the satoshis and the locking script from the bytes rather than from a listing. Only
 * outputs locked by exactly the funding key's P2PKH script are returned: those are what the
 * adapter can sign for. The same client reads a transaction back for reconciliation.
 */
export function createUtxoFunding(
  key: FundingKey,
  woc: WocClient,
  buildSplit: (inputs: readonly Utxo[], count: number) => Promise<SignedTransaction>,
): UtxoFunding {
  const ours = key.lockingScript;

  const readOutputs = async (listed: readonly ListedOutput[]): Promise<Utxo[]> => {
    const txids = [...new Set(listed.map((o) => o.txid))];
    const txs = new Map<string, TxParts | undefined>();
    for (let i = 0; i < txids.length; i += PARALLEL_READS) {
      const slice = txids.slice(i, i + PARALLEL_READS);
      const raws = await Promise.all(slice.map((txid) => woc.txRaw(txid)));
      slice.forEach((txid, j) => txs.set(txid, raws[j] && readTx(raws[j])));
    }
    return listed.flatMap(({ txid, vout }) => {
      const output = txs.get(txid)?.outputs[vout];
      return output?.script.equals(ours) ? [{ txid, vout, amount: output.satoshis, lockingScript: ours.toString('hex') }] : [];
    });
  };

  return {
    model: 'utxo',
    async lookupOutputs(outpoints) {
      const wanted = new Set(outpoints.map((o) => `${o.txid.toLowerCase()}:${o.vout}`));
      const listed = await woc.unspent(key.address);
      return readOutputs(listed.filter((o) => wanted.has(`${o.txid}:${o.vout}`)));
    },
    async listUnspent() {
      return readOutputs(await woc.unspent(key.address));
    },
    buildSplit,
    readTransaction: operatorTransactionReader(key, woc),
  };
}
