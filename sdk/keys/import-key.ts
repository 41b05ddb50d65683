import { subtle } from '../crypto/web-crypto.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import { fromHex, toHex } from '../encoding/hex.ts';
import { arweaveRsaPssScheme, rsaExponent, rsaPssImport } from '../schemes/arweave-rsa-pss.ts';
import { isSecp256k1SecretKey, secp256k1PublicKey } from '../schemes/secp256k1.ts';
import type { ArweaveJwk, ExportedKey, KeyOptions, SigningKey } from './signing-key.ts';

const jwkMembers = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** A signing key from its exported form (exportKey's output, or an Arweave wallet JWK). */
export async function importKey(exported: ExportedKey, options: KeyOptions = {}): Promise<SigningKey> {
  if (exported.scheme === 'secp256k1') {
    const secretKey = fromHex(exported.secretKeyHex.toLowerCase());
    if (secretKey === undefined || !isSecp256k1SecretKey(secretKey)) {
      throw invalidKey('secp256k1', 'secret key must be 64 hex characters encoding a number from 1 to n - 1');
    }
    return { scheme: 'secp256k1', publicKey: toHex(secp256k1PublicKey(secretKey)), secretKey };
  }
  const jwk = checkedJwk(exported.jwk);
  try {
    // Only the wallet members: a JWK carrying "alg" or "key_ops" for another use would be refused.
    const privateKey = await subtle().importKey('jwk', { ...jwk, ext: true }, rsaPssImport, options.extractable ?? true, ['sign']);
    return { scheme: 'arweave-rsa-pss', publicKey: jwk.n, privateKey };
  } catch (error) {
    throw invalidKey('arweave-rsa-pss', 'JWK is not a usable RSA private key', error);
  }
}

function checkedJwk(jwk: ArweaveJwk): ArweaveJwk {
  if (jwk.kty !== 'RSA' || jwkMembers.some((name) => typeof jwk[name] !== 'string')) {
    throw invalidKey('arweave-rsa-pss', `JWK must be an RSA private key with ${jwkMembers.join(', ')}`);
  }
  if (jwk.e !== rsaExponent || arweaveRsaPssScheme.decodePublicKey(jwk.n) === undefined) {
    throw invalidKey('arweave-rsa-pss', 'key must be 4096-bit with exponent 65537 (n: 512 bytes, base64url without padding)');
  }
  return { kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
}

function invalidKey(scheme: string, problem: string, cause?: unknown): PublisherSdkError {
  return new PublisherSdkError('INVALID_KEY', `${scheme} ${problem}`, { cause, metadata: { scheme } });
}
