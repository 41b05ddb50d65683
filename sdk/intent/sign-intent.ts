import { encodeBase64Url } from '../encoding/base64url.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import { signDigest } from '../keys/sign-digest.ts';
import type { SigningKey } from '../keys/signing-key.ts';
import { intentDigest } from './intent-digest.ts';
import type { SignedIntent, UnsignedIntent } from './intent-envelope.ts';

/**
 * Signs an envelope from buildIntent and returns the JSON text to publish. The signature covers
 * SHA-256(UTF-8(JCS(envelope without "signature"))); secp256k1 signatures are deterministic, so
 * the same envelope and key always give the same text.
 */
export async function signIntent(envelope: UnsignedIntent, key: SigningKey): Promise<string> {
  if (envelope.signer.scheme !== key.scheme || envelope.signer.publicKey !== key.publicKey) {
    throw new PublisherSdkError('KEY_MISMATCH', `the envelope names signer ${envelope.signer.scheme}:${envelope.signer.publicKey.slice(0, 16)}…, not this key`);
  }
  // Rebuilt member by member, so a stray "signature" or extra member cannot ride along unsigned.
  const unsigned: UnsignedIntent = {
    protocol: envelope.protocol,
    version: envelope.version,
    record: envelope.record,
    targets: envelope.targets,
    nonce: envelope.nonce,
    timestamp: envelope.timestamp,
    signer: { scheme: envelope.signer.scheme, publicKey: envelope.signer.publicKey },
  };
  const { digest } = intentDigest(unsigned);
  const signed: SignedIntent = { ...unsigned, signature: encodeBase64Url(await signDigest(key, digest)) };
  return JSON.stringify(signed);
}
