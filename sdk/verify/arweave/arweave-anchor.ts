import type { Anchor } from '../proof-bundle.ts';

/** A signed format-2 layer-1 transaction header without its data, as a gateway's `GET /tx/{id}` shows it. */
export interface Layer1TxHeader {
  readonly format: 2;
  readonly id: string;
  readonly last_tx: string;
  readonly owner: string;
  /** base64url names and values. */
  readonly tags: readonly { readonly name: string; readonly value: string }[];
  readonly target: string;
  readonly quantity: string;
  readonly data_size: string;
  readonly data_root: string;
  readonly reward: string;
  readonly signature: string;
}

/** Where a record sits on Arweave: in bundle mode, the operator-signed ANS-104 data item. */
export interface ArweaveAnchor extends Anchor {
  readonly chain: 'arweave';
  readonly network: string;
  /** The data item id (bundle mode) or layer-1 transaction id. */
  readonly id: string;
  readonly bundleId?: string;
  /** base64url of the raw signed data item (bundle mode). */
  readonly item?: string;
  /** Who signed the item (bundle mode): the operator's Ed25519 log key (type 2) or its wallet (type 1). */
  readonly itemSigner?: 'ed25519' | 'wallet';
  /** The log's verifier key (`<origin>+<key ID>+<base64 key>`) of an Ed25519 item's owner, as the node names it. */
  readonly itemKey?: string;
  /** The signed layer-1 transaction: the bundle's (bundle mode) or the record's own (layer-1 mode). */
  readonly tx?: Layer1TxHeader;
  /** base64url of the layer-1 transaction's data, the signed intent (layer-1 mode). */
  readonly data?: string;
  readonly blockHash?: string;
  readonly blockHeight?: number;
  readonly confirmations?: number;
}
