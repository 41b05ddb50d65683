import { createHash, randomBytes } from 'node:crypto';
import secp256k1 from 'secp256k1';
import { decodeBase64Url, encodeBase64Url, sha256 } from '../canonical/index.ts';
import { base58check } from './base58check.ts';
import { encodingError, privateKeyError } from './errors.ts';
import type { Network, SignatureScheme } from './signature-scheme.ts';

const name = 'secp256k1';
const compressedHex = /^0[23][0-9a-f]{64}$/;
// The curve order n and n/2, big-endian. An s above n/2 is the malleable twin of the low-S
// signature (n - s verifies too), so only the low one is accepted: one signature per intent.
const order = Buffer.from('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 'hex');
const halfOrder = Buffer.from('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0', 'hex');
const zero = Buffer.alloc(32);
const addressVersion = { mainnet: 0x00, test: 0x6f } as const satisfies Record<Network, number>;

/** ECDSA over secp256k1 on the digest as is, 64-byte compact r‖s, low-S only. */
export const secp256k1Scheme: SignatureScheme = {
  name,

  decodePublicKey(text) {
    if (!compressedHex.test(text)) {
      throw encodingError(name, 'publicKey', 'must be 66 lowercase hex characters: a compressed point starting 02 or 03');
    }
    const publicKey = Buffer.from(text, 'hex');
    if (!secp256k1.publicKeyVerify(publicKey)) {
      throw encodingError(name, 'publicKey', 'is not a point on the curve');
    }
    return publicKey;
  },

  encodePublicKey: (publicKey) => Buffer.from(publicKey).toString('hex'),

  decodeSignature(text) {
    const signature = decodeBase64Url(text);
    if (signature?.length !== 64) {
      throw encodingError(name, 'signature', 'must be base64url without padding of a 64-byte compact r‖s signature');
    }
    return signature;
  },

  encodeSignature: encodeBase64Url,

  verify(digest, signature, publicKey) {
    if (digest.length !== 32 || signature.length !== 64 || publicKey.length !== 33) {
      return false;
    }
    // Checked here rather than trusting the binding, whose behaviour differs between its
    // native and pure-JS builds (the native one throws on r or s >= n).
    const r = signature.subarray(0, 32);
    const s = signature.subarray(32);
    if (Buffer.compare(r, zero) === 0 || Buffer.compare(r, order) >= 0) return false;
    if (Buffer.compare(s, zero) === 0 || Buffer.compare(s, halfOrder) > 0) return false;
    try {
      return secp256k1.ecdsaVerify(signature, digest, publicKey);
    } catch {
      return false;
    }
  },

  address: (publicKey, network) => base58check(addressVersion[network], hash160(publicKey)),

  generatePrivateKey() {
    for (;;) {
      const privateKey = randomBytes(32);
      if (secp256k1.privateKeyVerify(privateKey)) return privateKey;
    }
  },

  publicKeyFromPrivate: (privateKey) => secp256k1.publicKeyCreate(checked(privateKey), true),

  // RFC 6979 deterministic nonces; libsecp256k1 always produces low-S.
  sign: (digest, privateKey) => secp256k1.ecdsaSign(digest, checked(privateKey)).signature,
};

function checked(privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 32 || !secp256k1.privateKeyVerify(privateKey)) {
    throw privateKeyError(name, 'must be 32 bytes encoding a number from 1 to n - 1');
  }
  return privateKey;
}

function hash160(bytes: Uint8Array): Uint8Array {
  return createHash('ripemd160').update(sha256(bytes)).digest();
}
