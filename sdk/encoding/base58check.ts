import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { toHex } from './hex.ts';

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58Check (version byte, payload, first 4 bytes of double SHA-256), as in BSV addresses. */
export function base58check(version: number, payload: Uint8Array): string {
  const body = concatBytes(Uint8Array.of(version), payload);
  const bytes = concatBytes(body, sha256(sha256(body)).subarray(0, 4));
  let value = BigInt(`0x${toHex(bytes)}`);
  let text = '';
  while (value > 0n) {
    text = alphabet.charAt(Number(value % 58n)) + text;
    value /= 58n;
  }
  // Each leading zero byte is spelled '1', which the number alone would lose.
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) {
    text = `1${text}`;
  }
  return text;
}
