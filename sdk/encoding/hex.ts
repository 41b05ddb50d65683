import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const lowercaseHex = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex, the spelling of record ids, txids and secp256k1 public keys. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Lowercase hex only (one spelling per byte string); undefined for anything else. */
export function fromHex(text: string): Uint8Array | undefined {
  return lowercaseHex.test(text) ? hexToBytes(text) : undefined;
}
