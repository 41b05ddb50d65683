import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url as serverDecode } from '../../core/canonical/index.ts';
import { decodeBase64Url, encodeBase64Url } from '../../sdk/encoding/base64url.ts';

describe('the SDK\'s base64url (no Buffer), against Node\'s', () => {
  it('encodes and decodes every length from 0 to 80 bytes as Node does', () => {
    for (let length = 0; length <= 80; length++) {
      const bytes = randomBytes(length);
      const text = encodeBase64Url(bytes);
      expect(text).toBe(bytes.toString('base64url'));
      expect(Buffer.from(decodeBase64Url(text)!).equals(bytes)).toBe(true);
    }
  });

  it.each([
    ['padding', 'AQID='],
    ['a length of 1 mod 4', 'AQIDB'],
    ['non-zero unused trailing bits', 'AR'],
    ['the standard alphabet', 'ab+/'],
    ['whitespace', 'AQ ID'],
  ])('refuses %s, exactly as the node does', (_what, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
    expect(serverDecode(text)).toBeUndefined();
  });
});
