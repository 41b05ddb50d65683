import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { ArweaveJwk } from '../../../sdk/index.ts';

/** An RSA private key (PKCS#8 DER, base64) as an Arweave wallet JWK, via node:crypto. */
export function jwkFromPkcs8(pkcs8Base64: string): ArweaveJwk {
  return createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }) as unknown as ArweaveJwk;
}

/** A fresh 4096-bit Arweave wallet, made by node:crypto rather than the SDK. */
export function newArweaveJwk(): ArweaveJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096, publicExponent: 65537 });
  return privateKey.export({ format: 'jwk' }) as unknown as ArweaveJwk;
}
