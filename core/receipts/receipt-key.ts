import { PublisherError } from '../errors/index.ts';
import { secp256k1Scheme } from '../schemes/index.ts';

/** The node's key for operator receipts (wire-format.md §2). */
export interface ReceiptKey {
  scheme: 'secp256k1';
  privateKey: Uint8Array;
  publicKeyText: string;
}

/** A receipt key from 64 hex characters (a secp256k1 secret). */
export function receiptKeyFromHex(hex: string): ReceiptKey {
  if (!/^[0-9a-f]{64}$/i.test(hex.trim())) {
    throw new PublisherError('INVALID_REQUEST', 'the receipt key must be 64 hex characters (a secp256k1 secret key)');
  }
  const privateKey = Uint8Array.from(Buffer.from(hex.trim(), 'hex'));
  const publicKey = secp256k1Scheme.publicKeyFromPrivate(privateKey);
  return { scheme: 'secp256k1', privateKey, publicKeyText: secp256k1Scheme.encodePublicKey(publicKey) };
}

export function generateReceiptKeyHex(): string {
  return Buffer.from(secp256k1Scheme.generatePrivateKey()).toString('hex');
}
