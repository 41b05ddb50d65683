import type { WebCryptoKey } from '../crypto/web-crypto.ts';
import type { SchemeName } from '../schemes/scheme.ts';

/** A secp256k1 creator key. `publicKey` is spelled as in an envelope: 66 lowercase hex characters. */
export interface Secp256k1Key {
  readonly scheme: 'secp256k1';
  readonly publicKey: string;
  readonly secretKey: Uint8Array;
}

/** An Arweave RSA-4096 creator key. `publicKey` is base64url of the modulus n, as in an envelope. */
export interface ArweaveRsaPssKey {
  readonly scheme: 'arweave-rsa-pss';
  readonly publicKey: string;
  /** A WebCrypto RSA-PSS/SHA-256 private key; extractable only if it was created or imported so. */
  readonly privateKey: WebCryptoKey;
}

export type SigningKey = Secp256k1Key | ArweaveRsaPssKey;
export type SigningKeyOf<S extends SchemeName> = Extract<SigningKey, { scheme: S }>;

/** An Arweave wallet: the RSA private key as a JWK with exactly the members Arweave uses. */
export interface ArweaveJwk {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly dp: string;
  readonly dq: string;
  readonly qi: string;
}

/** A private key in a form that can be stored and imported again. */
export type ExportedKey =
  | { readonly scheme: 'secp256k1'; readonly secretKeyHex: string }
  | { readonly scheme: 'arweave-rsa-pss'; readonly jwk: ArweaveJwk };

export interface KeyOptions {
  /** Whether exportKey may read the private key back (RSA only; default true). */
  readonly extractable?: boolean;
}
