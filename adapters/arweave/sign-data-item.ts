import { createHash } from 'node:crypto';
import type { Signer } from 'arbundles';
import { layOutItem } from './item-bytes.ts';
import { itemDeepHash, itemHashPrefix } from './item-deep-hash.ts';
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

/** Each signer's deep-hash prefix (its type and owner), folded once. */
const prefixes = new WeakMap<Signer, Buffer>();

/**
 * One record's item: the signed envelope as data, its §4 tags, signed by the operator. Laid out
 * in one buffer, its deep hash on node:crypto, the signature written in place: the bytes
 * arbundles' createData and sign would make (tested against them), at a fraction of the CPU
 * (bench/bottlenecks.md, session 9).
 */
export async function signDataItem(signer: Signer, data: string, tags: readonly Tag[]): Promise<SignedItem> {
  let prefix = prefixes.get(signer);
  if (prefix === undefined) {
    prefix = itemHashPrefix(signer.signatureType, signer.publicKey);
    prefixes.set(signer, prefix);
  }
  const item = layOutItem(signer, signer.publicKey, tags, data);
  const signature = await signer.sign(itemDeepHash(prefix, item.tags, item.data));
  if (signature.length !== signer.signatureLength) throw new Error(`a signature of type ${signer.signatureType} is ${signer.signatureLength} bytes, the signer gave ${signature.length}`);
  item.bytes.set(signature, 2);
  return { id: createHash('sha256').update(signature).digest('base64url'), raw: item.bytes };
}
