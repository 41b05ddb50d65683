import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { decodeBase64Url, encodeBase64Url, sha256 } from '../canonical/index.ts';
import { encodingError, privateKeyError } from './errors.ts';
import { LruCache } from './lru-cache.ts';
import type { SignatureScheme } from './signature-scheme.ts';

const name = 'arweave-rsa-pss';
const modulusBytes = 512;
const exponent = 'AQAB'; // 65537, the only exponent Arweave wallets use
const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } as const;
// Creators reuse their key, and importing a 4096-bit JWK costs about 15 µs, an eighth of a
// verification; a bounded cache keeps that off the hot path without growing with hostile keys.
const publicKeys = new LruCache<string, KeyObject>(1024);

/** RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) over the 32 digest bytes, 4096-bit Arweave keys. */
export const arweaveRsaPssScheme: SignatureScheme = {
  name,

  decodePublicKey(text) {
    const modulus = decodeBase64Url(text);
    if (modulus?.length !== modulusBytes || (modulus[0] ?? 0) < 0x80) {
      throw encodingError(name, 'publicKey', 'must be base64url without padding of a 4096-bit modulus: 512 bytes, top bit set');
    }
    if (((modulus[modulusBytes - 1] ?? 0) & 1) === 0) {
      throw encodingError(name, 'publicKey', 'is even, so it is not an RSA modulus');
    }
    return modulus;
  },

  encodePublicKey: encodeBase64Url,

  decodeSignature(text) {
    const signature = decodeBase64Url(text);
    if (signature?.length !== modulusBytes) {
      throw encodingError(name, 'signature', 'must be base64url without padding of 512 bytes');
    }
    return signature;
  },

  encodeSignature: encodeBase64Url,

  verify(digest, signature, publicKey) {
    if (digest.length !== 32 || signature.length !== modulusBytes || publicKey.length !== modulusBytes) {
      return false;
    }
    try {
      return cryptoVerify('sha256', digest, { key: publicKeyObject(publicKey), ...pss }, signature);
    } catch {
      return false;
    }
  },

  // Arweave addresses do not depend on the network.
  address: (publicKey) => encodeBase64Url(sha256(publicKey)),

  generatePrivateKey() {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: modulusBytes * 8, publicExponent: 65537 });
    return privateKey.export({ format: 'der', type: 'pkcs8' });
  },

  publicKeyFromPrivate(privateKey) {
    const jwk = createPublicKey(privateKeyObject(privateKey)).export({ format: 'jwk' });
    const modulus = jwk.n === undefined ? undefined : decodeBase64Url(jwk.n);
    if (jwk.e !== exponent || modulus?.length !== modulusBytes) {
      throw privateKeyError(name, 'must be a 4096-bit RSA key with exponent 65537');
    }
    return modulus;
  },

  sign: (digest, privateKey) => cryptoSign('sha256', digest, { key: privateKeyObject(privateKey), ...pss }),
};

function publicKeyObject(modulus: Uint8Array): KeyObject {
  const n = encodeBase64Url(modulus);
  let key = publicKeys.get(n);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'RSA', n, e: exponent }, format: 'jwk' });
    publicKeys.set(n, key);
  }
  return key;
}

/** Private keys travel as PKCS#8 DER bytes, so every scheme's keys are plain byte strings. */
function privateKeyObject(privateKey: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw privateKeyError(name, 'is not PKCS#8 DER', error);
  }
}
