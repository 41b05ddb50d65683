import { describe, expect, it } from 'vitest';
import {
  buildIntent,
  creatorAddress,
  importKey,
  intentDigest,
  recordIdOf,
  signIntent,
  verifyIntent,
  type JsonObject,
  type SchemeName,
} from '../../sdk/index.ts';
import { intentVectors } from '../unit/support/vectors.ts';

interface VectorEnvelope {
  record: JsonObject;
  targets: string[];
  nonce: string;
  timestamp: string;
  signer: { scheme: SchemeName; publicKey: string };
  signature: string;
}

describe.each(intentVectors.valid)('shared vector $name, reproduced by the SDK', (vector) => {
  const given = JSON.parse(vector.envelopeJson) as VectorEnvelope;

  it('imports the vector key to the public key the envelope names', async () => {
    const key = await importKey({ scheme: 'secp256k1', secretKeyHex: vector.secretKeyHex });
    expect(key.publicKey).toBe(given.signer.publicKey);
  });

  it('builds the same canonical signing input and digest', () => {
    const envelope = buildIntent({ record: given.record, targets: given.targets, signer: given.signer, nonce: given.nonce, timestamp: given.timestamp });
    const { signingInput, digest, recordId } = intentDigest(envelope);
    expect(signingInput).toBe(vector.canonicalSigningInput);
    expect(Buffer.from(digest).toString('hex')).toBe(vector.digestHex);
    expect(recordId).toBe(vector.recordId);
  });

  it('signs to the reference signature byte for byte (RFC 6979, digest signed as is, low-S)', async () => {
    const key = await importKey({ scheme: 'secp256k1', secretKeyHex: vector.secretKeyHex });
    const envelope = buildIntent({ record: given.record, targets: given.targets, signer: key, nonce: given.nonce, timestamp: given.timestamp });
    const signed = JSON.parse(await signIntent(envelope, key)) as VectorEnvelope;
    expect(signed.signature).toBe(vector.signature);
    expect(Buffer.from(signed.signature, 'base64url')).toHaveLength(64);
  });

  it('derives the reference creator addresses on both networks', () => {
    expect(creatorAddress(given.signer, 'mainnet')).toBe(vector.creatorAddress.mainnet);
    expect(creatorAddress(given.signer, 'test')).toBe(vector.creatorAddress.test);
  });

  it('computes the record id of the envelope text and verifies its signature', async () => {
    expect(recordIdOf(vector.envelopeJson)).toBe(vector.recordId);
    expect(await verifyIntent(vector.envelopeJson)).toBe(true);
  });
});

describe('shared refusal vectors', () => {
  it.each(['high-s', 'tampered-record'])('%s does not verify in the SDK', async (name) => {
    const vector = intentVectors.invalid.find((v) => v.name === name);
    expect(vector).toBeDefined();
    expect(await verifyIntent(vector!.envelopeJson)).toBe(false);
  });
});
