import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58check } from '../encoding/base58check.ts';
import { decodeBase64Url } from '../encoding/base64url.ts';
import { fromHex } from '../encoding/hex.ts';
import type { Network, VerifyingScheme } from './scheme.ts';

const compressedHex = /^0[23][0-9a-f]{64}$/;
const addressVersion = { mainnet: 0x00, test: 0x6f } as const satisfies Record<Network, number>;
// noble hashes the message with SHA-256 unless told otherwise; the wire format signs the digest
// as is. Compact r‖s, low-S, and no extra entropy so RFC 6979 makes signatures reproducible.
const signOptions = { prehash: false, lowS: true, format: 'compact', extraEntropy: false } as const;
const verifyOptions = { prehash: false, lowS: true, format: 'compact' } as const;

/** ECDSA over secp256k1 on the 32-byte digest as is, 64-byte compact r‖s, low-S only. */
export const secp256k1Scheme: VerifyingScheme = {
  name: 'secp256k1',

  decodePublicKey(text) {
    const publicKey = compressedHex.test(text) ? fromHex(text) : undefined;
    return publicKey !== undefined && secp256k1.utils.isValidPublicKey(publicKey, true) ? publicKey : undefined;
  },

  decodeSignature(text) {
    const signature = decodeBase64Url(text);
    return signature?.length === 64 ? signature : undefined;
  },

  async verify(digest, signature, publicKey) {
    if (digest.length !== 32 || signature.length !== 64 || publicKey.length !== 33) return false;
    try {
      return secp256k1.verify(signature, digest, publicKey, verifyOptions);
    } catch {
      return false;
    }
  },

  address: (publicKey, network) => base58check(addressVersion[network], ripemd160(sha256(publicKey))),
};

/** Signs a 32-byte digest with a secret key: deterministic (RFC 6979), compact, low-S. */
export function signSecp256k1(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return secp256k1.sign(digest, secretKey, signOptions);
}

/** The 33-byte compressed public key of a secret key. */
export function secp256k1PublicKey(secretKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(secretKey, true);
}

/** True for 32 bytes encoding a number from 1 to n - 1. */
export function isSecp256k1SecretKey(secretKey: Uint8Array): boolean {
  return secretKey.length === 32 && secp256k1.utils.isValidSecretKey(secretKey);
}
