import { describe, expect, it } from 'vitest';
import { parseIntent, verifyIntent } from '../../core/intent/index.ts';
import { expectRefusal } from './support/expect-refusal.ts';
import { intentVectors } from './support/vectors.ts';

describe('intent vectors (wire-format §1)', () => {
  it('has the vectors to check', () => {
    expect(intentVectors.valid.length).toBeGreaterThanOrEqual(10);
    expect(intentVectors.invalid.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(intentVectors.valid)('valid vector $name', (vector) => {
    it('parses to the reference signing input, digest and record id, and verifies', () => {
      const verified = verifyIntent(parseIntent(vector.envelopeJson));
      expect(verified.signingInput).toBe(vector.canonicalSigningInput);
      expect(Buffer.from(verified.digest).toString('hex')).toBe(vector.digestHex);
      expect(verified.recordId).toBe(vector.recordId);
      expect(verified.signatureText).toBe(vector.signature);
      expect(verified.sizeBytes).toBe(Buffer.byteLength(vector.envelopeJson));
    });

    it('derives the reference creator address on both networks', () => {
      const { scheme, publicKey } = parseIntent(vector.envelopeJson);
      expect(scheme.address(publicKey, 'mainnet')).toBe(vector.creatorAddress.mainnet);
      expect(scheme.address(publicKey, 'test')).toBe(vector.creatorAddress.test);
    });

    it('is reproduced byte for byte by signing its digest with the vector key (RFC 6979)', () => {
      const { scheme, digest, publicKey } = parseIntent(vector.envelopeJson);
      const secretKey = Buffer.from(vector.secretKeyHex, 'hex');
      expect(Buffer.from(scheme.publicKeyFromPrivate(secretKey)).equals(Buffer.from(publicKey))).toBe(true);
      expect(scheme.encodeSignature(scheme.sign(digest, secretKey))).toBe(vector.signature);
    });
  });

  it.each(intentVectors.invalid)('invalid vector $name is refused with $reason', (vector) => {
    expectRefusal(() => verifyIntent(parseIntent(vector.envelopeJson)), vector.reason);
  });

  it('refuses the short-nonce vector while parsing, before any signature check', () => {
    const vector = intentVectors.invalid.find((v) => v.name === 'short-nonce');
    expect(vector).toBeDefined();
    const error = expectRefusal(() => parseIntent(vector?.envelopeJson ?? ''), 'MALFORMED_INTENT', /nonce/);
    expect(error.metadata['field']).toBe('nonce');
  });

  it('refuses the signature vectors only at verification, after a successful parse', () => {
    for (const name of ['high-s', 'tampered-record']) {
      const vector = intentVectors.invalid.find((v) => v.name === name);
      const parsed = parseIntent(vector?.envelopeJson ?? '');
      expectRefusal(() => verifyIntent(parsed), 'BAD_SIGNATURE', /does not verify/);
    }
  });
});
