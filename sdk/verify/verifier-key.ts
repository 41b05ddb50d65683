import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../encoding/hex.ts';
import { utf8 } from '../encoding/utf8.ts';
import { decodeBase64 } from './base64.ts';

/** A C2SP signed-note verifier key of type 0x01 (Ed25519), read and checked. */
export interface Ed25519VerifierKey {
  readonly name: string;
  readonly keyId: string;
  /** The raw 32-byte public key. */
  readonly publicKey: Uint8Array;
}

/**
 * Reads `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`: an Ed25519 key whose ID is
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4], as the node publishes its log key. Throws on anything else.
 */
export function readVerifierKey(verifierKey: string): Ed25519VerifierKey {
  const [name = '', keyId = ''] = verifierKey.split('+');
  if (name === '' || !/^[0-9a-f]{8}$/.test(keyId)) throw new Error(`${JSON.stringify(verifierKey)} is not a verifier key <name>+<hex key ID>+<base64 key>`);
  const typed = decodeBase64(verifierKey.slice(name.length + keyId.length + 2));
  if (typed.length !== 33 || typed[0] !== 0x01) throw new Error(`the verifier key ${verifierKey} is not an Ed25519 key (type 0x01)`);
  const expectedId = toHex(sha256(new Uint8Array([...utf8(name), 0x0a, ...typed])).subarray(0, 4));
  if (keyId !== expectedId) throw new Error(`the verifier key's ID ${keyId} is not the one its name and key give (${expectedId})`);
  return { name, keyId, publicKey: typed.subarray(1) };
}
