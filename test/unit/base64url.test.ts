import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../core/canonical/index.ts';

describe('strict base64url', () => {
  it('round-trips any bytes through exactly one text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(Buffer.from(decodeBase64Url(text) ?? []).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('accepts no text other than the encoding of its own decoding', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const bytes = decodeBase64Url(text);
        if (bytes !== undefined) {
          expect(encodeBase64Url(bytes)).toBe(text);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['padding', 'AA=='],
    ['standard-alphabet +', 'a+8'],
    ['standard-alphabet /', 'a/8'],
    ['a length of 4n+1', 'AAAAA'],
    ['non-zero unused bits (0x00 is "AA")', 'AB'],
    ['non-zero unused bits (0xffff is "__8")', '__-'],
    ['whitespace', 'AA AA'],
    ['a trailing newline', 'AAAA\n'],
  ])('refuses %s', (_problem, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });

  it('decodes the empty text to no bytes', () => {
    expect(decodeBase64Url('')?.length).toBe(0);
  });
});
