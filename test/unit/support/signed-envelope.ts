import type { JsonObject, JsonValue } from '../../../core/canonical/index.ts';
import { secp256k1Scheme, type SignatureScheme } from '../../../core/schemes/index.ts';
import { signEnvelope as signKitEnvelope } from '../../../kit/test-creator.ts';

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

/** kit's signEnvelope with the test key by default, so a refusal test fails for its one intended reason. */
export function signEnvelope(envelope: JsonObject, scheme: SignatureScheme = secp256k1Scheme, privateKey: Uint8Array = testSecretKey): string {
  return signKitEnvelope(envelope, scheme, privateKey);
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
