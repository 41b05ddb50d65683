import { constants, createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';

const MODULUS_BYTES = 512;
// RSA-PSS as arweave-js and arbundles sign in Node: SHA-256, MGF1-SHA-256, the maximum salt.
const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN } as const;
const pssVerify = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } as const;

/** The operator's Arweave wallet: the key that signs every item and transaction, and pays. */
export interface OperatorWallet {
  /** base64url of the modulus: the `owner` of transactions, what data items carry as owner. */
  readonly owner: string;
  readonly ownerBytes: Buffer;
  /** base64url(SHA-256(modulus)): the `NodeOperator` tag, the funding address. */
  readonly address: string;
  /** RSA-PSS over `message`, on libuv's thread pool so a batch's signatures run in parallel. */
  sign(message: Uint8Array): Promise<Uint8Array>;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * Parses the JWK once into node:crypto key objects (arbundles' ArweaveSigner converts the JWK to
 * PEM and parses it again on every signature; bench/arweave-signing.ts measures the difference).
 */
export function operatorWallet(jwk: JWKInterface): OperatorWallet {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
  } catch (cause) {
    throw new ArweaveAdapterError('options', 'wallet must be an Arweave wallet JWK with its private members (n, e, d, p, q, dp, dq, qi)', { cause });
  }
  const ownerBytes = Buffer.from(jwk.n, 'base64url');
  if (privateKey.asymmetricKeyType !== 'rsa' || privateKey.asymmetricKeyDetails?.modulusLength !== MODULUS_BYTES * 8 || ownerBytes.length !== MODULUS_BYTES) {
    throw new ArweaveAdapterError('options', 'wallet must be an RSA-4096 key, as every Arweave wallet is (data items of signature type 1 carry a 512-byte owner)');
  }
  // The owner every item and transaction names is `n` as the JWK spells it: a corrupted wallet
  // whose private members do not belong to that modulus would sign nothing anyone can verify.
  const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  if (!signsFor(privateKey, publicKey)) {
    throw new ArweaveAdapterError('options', 'wallet: its private members do not belong to its modulus n, so its signatures would not verify');
  }
  return {
    owner: ownerBytes.toString('base64url'),
    ownerBytes,
    address: createHash('sha256').update(ownerBytes).digest('base64url'),
    sign: (message) =>
      new Promise((resolve, reject) => {
        sign('sha256', message, { key: privateKey, ...pss }, (error, signature) => (error ? reject(error) : resolve(signature)));
      }),
    verify: (message, signature) => verify('sha256', message, { key: publicKey, ...pssVerify }, signature),
  };
}

function signsFor(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const probe = Buffer.from('chain-publisher operator wallet check');
  try {
    return verify('sha256', probe, { key: publicKey, ...pssVerify }, sign('sha256', probe, { key: privateKey, ...pss }));
  } catch {
    return false;
  }
}
