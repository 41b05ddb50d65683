import { sha256 } from '@noble/hashes/sha2.js';

/** Bitcoin's double SHA-256, used for txids and Merkle nodes. */
export function hash256(bytes: Uint8Array): Uint8Array {
  return sha256(sha256(bytes));
}

/** Display hex of a hash: txids and block hashes are shown byte-reversed. */
export function reversedHex(hash: Uint8Array): string {
  let hex = '';
  for (let i = hash.length - 1; i >= 0; i--) hex += (hash[i] ?? 0).toString(16).padStart(2, '0');
  return hex;
}
