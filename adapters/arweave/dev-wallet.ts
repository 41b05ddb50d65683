import { createHash, generateKeyPairSync } from 'node:crypto';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';

/** A new operator wallet (RSA-4096, exponent 65537) as JSON text, as Arweave wallets are saved: a JWK. */
export function generateWalletJson(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096, publicExponent: 65537 });
  return JSON.stringify(privateKey.export({ format: 'jwk' }));
}

/** The wallet's Arweave address: base64url of SHA-256 of its modulus. */
export function addressOf(wallet: JWKInterface): string {
  return createHash('sha256').update(Buffer.from(wallet.n, 'base64url')).digest('base64url');
}
