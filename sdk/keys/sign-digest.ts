import { signRsaPss } from '../schemes/arweave-rsa-pss.ts';
import { signSecp256k1 } from '../schemes/secp256k1.ts';
import type { SigningKey } from './signing-key.ts';

/** The key's signature over a 32-byte digest, exactly as wire-format.md §1 specifies per scheme. */
export async function signDigest(key: SigningKey, digest: Uint8Array): Promise<Uint8Array> {
  return key.scheme === 'secp256k1' ? signSecp256k1(digest, key.secretKey) : signRsaPss(digest, key.privateKey);
}
