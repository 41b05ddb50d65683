import type { PoolClient } from 'pg';
import type { ChainAdapter, Cost, FundingGrant, SignedTransaction } from '../adapter/index.ts';
import { addToPool, canReserve, markReserved, recordReservation, reserveUtxos } from '../funding/index.ts';

/**
 * Reserves what `cost` asks of the chain's funding, inside the caller's transaction: outputs of a
 * UTXO pool, a share of an account's balance, or nothing. Undefined when the funding cannot cover it.
 */
export async function reserveFunding(client: PoolClient, adapter: ChainAdapter, cost: Cost): Promise<FundingGrant | undefined> {
  if (adapter.funding.model === 'utxo') {
    const inputs = await reserveUtxos(client, adapter.name, cost.amount);
    return inputs ? { model: 'utxo', inputs } : undefined;
  }
  if (adapter.funding.model === 'account') {
    return (await canReserve(client, adapter.name, await adapter.funding.balance(), cost.amount)) ? { model: 'account', amount: cost.amount } : undefined;
  }
  return { model: 'none' };
}

/**
 * Writes a signed transaction ahead of its broadcast, with what it reserved: the chain_txs row
 * (status signed) the broadcast and confirmation stages take from here, the spent outputs marked
 * and its change pending in the pool, or the account reservation. Returns the row's id.
 */
export async function writeAhead(client: PoolClient, adapter: ChainAdapter, tx: SignedTransaction, grant: FundingGrant, recordCount: number): Promise<number> {
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO chain_txs (chain, network, txid, raw_tx, status, record_count, fee) VALUES ($1, $2, $3, $4, 'signed', $5, $6) RETURNING id`,
    [adapter.name, adapter.network, tx.txid, Buffer.from(tx.raw), recordCount, tx.fee.toString()],
  );
  const chainTxId = Number(inserted.rows[0]!.id);
  if (grant.model === 'utxo') {
    await markReserved(client, adapter.name, grant.inputs, chainTxId);
    await addToPool(client, adapter.name, tx.change, chainTxId, 'pending');
  } else if (grant.model === 'account') {
    await recordReservation(client, adapter.name, chainTxId, tx.fee);
  }
  return chainTxId;
}
