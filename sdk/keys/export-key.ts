import { subtle } from '../crypto/web-crypto.ts';
import { toHex } from '../encoding/hex.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import type { ArweaveJwk, ExportedKey, SigningKey } from './signing-key.ts';

/** The private key in a storable form: hex for secp256k1, an Arweave wallet JWK for RSA. */
export async function exportKey(key: SigningKey): Promise<ExportedKey> {
  if (key.scheme === 'secp256k1') {
    return { scheme: 'secp256k1', secretKeyHex: toHex(key.secretKey) };
  }
  if (!key.privateKey.extractable) {
    throw new PublisherSdkError('INVALID_KEY', 'arweave-rsa-pss private key was created or imported as not extractable');
  }
  const { n, e, d, p, q, dp, dq, qi } = await subtle().exportKey('jwk', key.privateKey);
  if (n === undefined || e === undefined || d === undefined || p === undefined || q === undefined || dp === undefined || dq === undefined || qi === undefined) {
    throw new PublisherSdkError('INVALID_KEY', 'arweave-rsa-pss private key exported without its CRT members');
  }
  // Without "alg", "key_ops" and "ext", the JWK is exactly an Arweave wallet file.
  const jwk: ArweaveJwk = { kty: 'RSA', n, e, d, p, q, dp, dq, qi };
  return { scheme: 'arweave-rsa-pss', jwk };
}
