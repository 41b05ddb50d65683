import { describe, expect, it } from 'vitest';
import { parseIntent, verifyIntent } from '../../core/intent/index.ts';
import { expectRefusal } from './support/expect-refusal.ts';
import { baseEnvelope, signEnvelope, signedWith } from './support/signed-envelope.ts';

describe('parseIntent result', () => {
  it('exposes the envelope, its decoded fields and what was signed', () => {
    const envelope = { ...baseEnvelope(), record: { title: 'Café ☕' }, nonce: 'BwcHBwcHBwcHBwcHBwcHBwcH' };
    const text = signEnvelope(envelope);
    const parsed = parseIntent(text);
    expect(parsed.sizeBytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(parsed.sizeBytes).toBeGreaterThan(text.length);
    expect(parsed.envelope.record).toEqual({ title: 'Café ☕' });
    expect(parsed.record).toBe(parsed.envelope.record);
    expect(parsed.envelope.targets).toEqual(['bsv', 'arweave']);
    expect(parsed.targets).toEqual(['arweave', 'bsv']);
    expect(parsed.nonceText).toBe('BwcHBwcHBwcHBwcHBwcHBwcH');
    expect(Buffer.from(parsed.nonce).equals(Buffer.alloc(18, 7))).toBe(true);
    expect(parsed.timestamp.toISOString()).toBe('2026-11-21T23:00:00.000Z');
    expect(parsed.timestampMs).toBe(Date.UTC(2026, 10, 21, 23));
    expect(parsed.scheme.name).toBe('secp256k1');
    expect(parsed.publicKeyText).toBe('034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa');
    expect(Buffer.from(parsed.publicKey).toString('hex')).toBe(parsed.publicKeyText);
    expect(parsed.signature).toHaveLength(64);
    expect(parsed.signingInput.startsWith('{"nonce":"BwcH')).toBe(true);
    expect(parsed.signingInput).not.toContain('"signature"');
    expect(parsed.recordId).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyIntent(parsed).verified).toBe(true);
  });

  it('signs the targets in their submitted order, so reordering them breaks the signature', () => {
    const text = signedWith({ targets: ['bsv', 'arweave'] });
    const reordered = text.replace('["bsv","arweave"]', '["arweave","bsv"]');
    expect(reordered).not.toBe(text);
    expectRefusal(() => verifyIntent(parseIntent(reordered)), 'BAD_SIGNATURE');
  });

  it('gives the same record id whatever the member order and whitespace of the submitted text', () => {
    const text = signedWith({});
    const value = JSON.parse(text) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(value).reverse()), null, 2);
    expect(parseIntent(reordered).recordId).toBe(parseIntent(text).recordId);
    expect(() => verifyIntent(parseIntent(reordered))).not.toThrow();
  });

  it.each([
    ['February 29 of a leap year', '2028-02-29T12:00:00Z', Date.UTC(2028, 1, 29, 12)],
    ['nine fraction digits (truncated to ms)', '2026-11-21T23:00:00.123456789Z', Date.UTC(2026, 10, 21, 23, 0, 0, 123)],
    ['one fraction digit', '2026-11-21T23:00:00.5Z', Date.UTC(2026, 10, 21, 23, 0, 0, 500)],
    ['a two-digit year', '0099-12-31T23:59:59Z', Date.parse('0099-12-31T23:59:59Z')],
  ])('accepts a timestamp on %s', (_case, timestamp, expectedMs) => {
    const parsed = verifyIntent(parseIntent(signedWith({ timestamp })));
    expect(parsed.timestampMs).toBe(expectedMs);
    expect(parsed.envelope.timestamp).toBe(timestamp);
  });

  it('accepts a record at exactly the maximum depth and 16 targets', () => {
    let record: Record<string, unknown> = { leaf: true };
    for (let depth = 2; depth < 32; depth++) record = { n: record };
    const targets = Array.from({ length: 16 }, (_, i) => `chain-${i}`);
    const text = signedWith({ record: record as never, targets });
    expect(() => verifyIntent(parseIntent(text))).not.toThrow();
  });
});
