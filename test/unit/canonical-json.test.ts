import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../core/canonical/index.ts';
import { parseStrictJson } from '../../core/intent/index.ts';
import { rfc8785Cases } from './support/vectors.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('has all six reference cases to check', () => {
    expect(rfc8785Cases.map((c) => c.name).sort()).toEqual([
      'arrays.json', 'french.json', 'structures.json', 'unicode.json', 'values.json', 'weird.json',
    ]);
  });

  for (const { name, input, output } of rfc8785Cases) {
    it(`reproduces the reference output of ${name} byte for byte from the strict parser`, () => {
      const canonical = canonicalJson(parseStrictJson(input, { maxDepth: 32 }));
      expect(Buffer.from(canonical, 'utf8').equals(output)).toBe(true);
    });
  }

  it('keeps a "__proto__" member as data and sorts it like any key', () => {
    const value = parseStrictJson('{"b":1,"__proto__":{"polluted":true},"a":2}', { maxDepth: 32 });
    expect(canonicalJson(value)).toBe('{"__proto__":{"polluted":true},"a":2,"b":1}');
  });
});

describe('sha256', () => {
  it('hashes strings as UTF-8 and bytes as they are (FIPS 180-2 "abc")', () => {
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(Buffer.from(sha256('abc')).toString('hex')).toBe(expected);
    expect(Buffer.from(sha256(Uint8Array.of(0x61, 0x62, 0x63))).toString('hex')).toBe(expected);
    expect(Buffer.from(sha256('é')).equals(Buffer.from(sha256(Uint8Array.of(0xc3, 0xa9))))).toBe(true);
  });
});
