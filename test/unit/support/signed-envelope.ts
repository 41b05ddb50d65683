import { canonicalJson, sha256, type JsonObject, type JsonValue } from '../../../core/canonical/index.ts';
import { secp256k1Scheme, type SignatureScheme } from '../../../core/schemes/index.ts';

export const testSecretKey = Buffer.from('1111111111111111111111111111111111111111111111111111111111111111', 'hex');

/** A well-formed unsigned envelope; tests override members to reach one rule at a time. */
export function baseEnvelope(scheme: SignatureScheme = secp256k1Scheme, privateKey: Uint8Array = testSecretKey): JsonObject {
  return {
    protocol: 'chain-publisher',
    version: 1,
    record: { type: 'music', title: 'Song', owners: [{ id: 'a', share: 100 }] },
    targets: ['bsv', 'arweave'],
    nonce: 'AQEBAQEBAQEBAQEBAQEBAQ',
    timestamp: '2026-11-21T23:00:00.000Z',
    signer: { scheme: scheme.name, publicKey: scheme.encodePublicKey(scheme.publicKeyFromPrivate(privateKey)) },
  };
}

/**
 * Signs an envelope the way a client SDK would (digest of the JCS of everything but the
 * signature) and returns its JSON text, so a refusal test fails for its one intended reason.
 */
export function signEnvelope(
  envelope: JsonObject,
  scheme: SignatureScheme = secp256k1Scheme,
  privateKey: Uint8Array = testSecretKey,
): string {
  const signature = scheme.encodeSignature(scheme.sign(sha256(canonicalJson(envelope)), privateKey));
  return JSON.stringify({ ...envelope, signature });
}

/** A signed base envelope with some members replaced (or removed, with `undefined`). */
export function signedWith(overrides: Record<string, JsonValue | undefined>): string {
  const envelope: JsonObject = baseEnvelope();
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete envelope[name];
    } else {
      envelope[name] = value;
    }
  }
  return signEnvelope(envelope);
}
