import { sha256 } from '../canonical/index.ts';

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58Check (version byte, payload, first 4 bytes of double SHA-256), as in Bitcoin P2PKH addresses (the secp256k1 scheme's creator address). */
export function base58check(version: number, payload: Uint8Array): string {
  const body = Buffer.concat([Uint8Array.of(version), payload]);
  const bytes = Buffer.concat([body, sha256(sha256(body)).subarray(0, 4)]);
  let value = BigInt(`0x${bytes.toString('hex')}`);
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
