import { sha256 } from '@noble/hashes/sha2.js';
import { bufferSource, subtle, type WebCryptoKey } from '../crypto/web-crypto.ts';
import { decodeBase64Url, encodeBase64Url } from '../encoding/base64url.ts';
import type { VerifyingScheme } from './scheme.ts';

const modulusBytes = 512;
/** 65537, the only exponent Arweave wallets use. */
export const rsaExponent = 'AQAB';
export const rsaPssImport = { name: 'RSA-PSS', hash: 'SHA-256' } as const;
// WebCrypto hashes the message with SHA-256 before PSS encoding, exactly as the node's
// crypto.verify('sha256', digest, …) does, so the "message" here is the 32 digest bytes.
const pss = { name: 'RSA-PSS', saltLength: 32 } as const;

/** RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) over the 32 digest bytes, 4096-bit Arweave keys. */
export const arweaveRsaPssScheme: VerifyingScheme = {
  name: 'arweave-rsa-pss',

  decodePublicKey(text) {
    const modulus = decodeBase64Url(text);
    if (modulus?.length !== modulusBytes || (modulus[0] ?? 0) < 0x80) return undefined;
    return ((modulus[modulusBytes - 1] ?? 0) & 1) === 1 ? modulus : undefined;
  },

  decodeSignature(text) {
    const signature = decodeBase64Url(text);
    return signature?.length === modulusBytes ? signature : undefined;
  },

  async verify(digest, signature, publicKey) {
    if (digest.length !== 32 || signature.length !== modulusBytes || publicKey.length !== modulusBytes) return false;
    try {
      const key = await rsaPublicKey(publicKey);
      return await subtle().verify(pss, key, bufferSource(signature), bufferSource(digest));
    } catch {
      return false;
    }
  },

  // Arweave addresses do not depend on the network.
  address: (publicKey) => encodeBase64Url(sha256(publicKey)),
};

/** Signs a 32-byte digest with an RSA-PSS private key (salted, so not reproducible). */
export async function signRsaPss(digest: Uint8Array, privateKey: WebCryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(pss, privateKey, bufferSource(digest)));
}

/** A WebCrypto verification key from the modulus, with the exponent every Arweave key has. */
export function rsaPublicKey(modulus: Uint8Array): Promise<WebCryptoKey> {
  return subtle().importKey('jwk', { kty: 'RSA', n: encodeBase64Url(modulus), e: rsaExponent, ext: true }, rsaPssImport, false, ['verify']);
}
