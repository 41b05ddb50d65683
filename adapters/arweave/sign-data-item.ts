import { createData, type Signer } from 'arbundles';
import type { OperatorWallet } from './operator-wallet.ts';
import type { Tag } from './record-tags.ts';

/** An operator-signed ANS-104 data item: its id (base64url of SHA-256 of its signature) and bytes. */
export interface SignedItem {
  id: string;
  raw: Uint8Array;
}

/**
 * The operator's Ed25519 key as the Arweave items need it (wire-format.md §4): the node's log key,
 * handed over by the node as a raw public key and a signing function (the private key stays with
 * the node).
 */
export interface Ed25519ItemKey {
  /** The raw 32-byte public key: the items' owner. */
  readonly publicKey: Uint8Array;
  /** The log's verifier key (`<origin>+<key ID>+<base64 key>`), named in GetInfo and in anchors. */
  readonly verifierKey: string;
  /** Ed25519 (RFC 8032, pure) over `message`. */
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** ANS-104 signature types the node issues, with arbundles' sizes. */
export const ITEM_SIGNATURES = {
  /** RSA-4096 PSS, the wallet's key. */
  1: { signatureLength: 512, ownerLength: 512 },
  /** Ed25519, the operator's log key. */
  2: { signatureLength: 64, ownerLength: 32 },
} as const;

export type ItemSignatureType = keyof typeof ITEM_SIGNATURES;

/** arbundles' signature type 1 (Arweave, RSA-4096 PSS) on the operator wallet's key objects. */
export function walletItemSigner(wallet: OperatorWallet): Signer {
  return {
    signatureType: 1,
    ...ITEM_SIGNATURES[1],
    publicKey: wallet.ownerBytes,
    sign: (message) => wallet.sign(message),
  };
}

/**
 * arbundles' signature type 2: Ed25519 over the item's 48-byte deep hash, the owner the 32-byte
 * public key, as arbundles' Curve25519 signers sign and verify and ar.io gateways index it.
 */
export function ed25519ItemSigner(key: Ed25519ItemKey): Signer {
  if (key.publicKey.length !== ITEM_SIGNATURES[2].ownerLength) throw new Error(`an Ed25519 item key is 32 bytes, got ${key.publicKey.length}`);
  return {
    signatureType: 2,
    ...ITEM_SIGNATURES[2],
    publicKey: Buffer.from(key.publicKey),
    sign: async (message) => Buffer.from(await key.sign(message)),
  };
}

/** One record's item: the signed envelope as data, its §4 tags, signed by the operator. */
export async function signDataItem(signer: Signer, data: string, tags: readonly Tag[]): Promise<SignedItem> {
  const item = createData(data, signer, { tags: [...tags] });
  await item.sign(signer);
  return { id: item.id, raw: item.getRaw() };
}
