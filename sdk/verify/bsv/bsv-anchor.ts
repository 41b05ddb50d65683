import type { Anchor } from '../proof-bundle.ts';

/** Where a record sits on BSV: its OP_RETURN output and, once mined, the BRC-74 Merkle path. */
export interface BsvAnchor extends Anchor {
  readonly chain: 'bsv';
  readonly network: string;
  readonly txid: string;
  readonly vout: number;
  /** The whole transaction, hex. */
  readonly rawTx: string;
  readonly blockHash?: string;
  readonly blockHeight?: number;
  /** The 80-byte header of that block, hex: what binds the path to `blockHash` offline. */
  readonly blockHeader?: string;
  /** BRC-74 BUMP, hex; absent until the transaction is mined. */
  readonly merklePath?: string;
  readonly confirmations?: number;
}
