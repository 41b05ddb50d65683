import { createHash } from 'node:crypto';
import type Arweave from 'arweave';
import type { OperatorWallet } from './operator-wallet.ts';
import type { TransactionHeader } from './raw-transaction.ts';
import type { Tag } from './record-tags.ts';

export interface Layer1Input {
  data: Uint8Array;
  tags: readonly Tag[];
  /** Winston paid to miners: what the core reserved for this transaction. */
  reward: bigint;
  /** `last_tx`: a recent block hash from `/tx_anchor` (valid for 50 blocks). */
  anchor: string;
}

/**
 * A format-2 layer-1 transaction signed by the operator wallet: arweave-js computes the data root
 * (its chunk Merkle tree) and the deep hash to sign; the signature comes from the wallet's key
 * objects rather than arweave-js's JWK-to-PEM path. The header returned commits to the data
 * through `data_root`, and its id is SHA-256 of the signature.
 */
export async function signLayer1(arweave: Arweave, wallet: OperatorWallet, input: Layer1Input): Promise<TransactionHeader> {
  const tx = arweave.transactions.fromRaw({
    format: 2,
    last_tx: input.anchor,
    owner: wallet.owner,
    target: '',
    quantity: '0',
    reward: input.reward.toString(),
    data_size: String(input.data.byteLength),
  });
  for (const { name, value } of input.tags) tx.addTag(name, value);
  await tx.prepareChunks(input.data);
  const signature = await wallet.sign(await tx.getSignatureData());
  return {
    format: 2,
    id: createHash('sha256').update(signature).digest('base64url'),
    last_tx: input.anchor,
    owner: wallet.owner,
    tags: tx.tags.map((tag) => ({ name: tag.name, value: tag.value })),
    target: '',
    quantity: '0',
    data: '',
    data_size: String(input.data.byteLength),
    data_root: tx.data_root,
    reward: input.reward.toString(),
    signature: Buffer.from(signature).toString('base64url'),
  };
}
