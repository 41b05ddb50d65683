import { randomBytes, subtle } from '../crypto/web-crypto.ts';
import { toHex } from '../encoding/hex.ts';
import { rsaPssImport } from '../schemes/arweave-rsa-pss.ts';
import type { SchemeName } from '../schemes/scheme.ts';
import { isSecp256k1SecretKey, secp256k1PublicKey } from '../schemes/secp256k1.ts';
import type { KeyOptions, SigningKey, SigningKeyOf } from './signing-key.ts';

/** A new creator key for `scheme`, from WebCrypto's random source. */
export async function generateKey<S extends SchemeName>(scheme: S, options: KeyOptions = {}): Promise<SigningKeyOf<S>> {
  const key: SigningKey = scheme === 'secp256k1' ? generateSecp256k1() : await generateRsa(options.extractable ?? true);
  return key as SigningKeyOf<S>;
}

function generateSecp256k1(): SigningKey {
  for (;;) {
    // Out of range (0 or ≥ n) with probability about 2^-128; drawing again keeps the key uniform.
    const secretKey = randomBytes(32);
    if (isSecp256k1SecretKey(secretKey)) {
      return { scheme: 'secp256k1', publicKey: toHex(secp256k1PublicKey(secretKey)), secretKey };
    }
  }
}

async function generateRsa(extractable: boolean): Promise<SigningKey> {
  const pair = await subtle().generateKey(
    { ...rsaPssImport, modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]) },
    extractable,
    ['sign', 'verify'],
  );
  // Public keys are always exportable, so the modulus is readable even from a locked private key.
  const { n } = await subtle().exportKey('jwk', pair.publicKey);
  if (n === undefined) throw new TypeError('WebCrypto exported an RSA public key without a modulus');
  return { scheme: 'arweave-rsa-pss', publicKey: n, privateKey: pair.privateKey };
}
