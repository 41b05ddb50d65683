import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PublisherError } from '../../core/errors/index.ts';
import { parseIntent, verifyIntent } from '../../core/intent/index.ts';
import { intentVectors } from './support/vectors.ts';

const allowedReasons = ['MALFORMED_INTENT', 'INTENT_TOO_LARGE', 'BAD_SIGNATURE'];
const seeds = intentVectors.valid.map((vector) => vector.envelopeJson);
const limits = { maxEnvelopeBytes: 4096, maxDepth: 32 };

/**
 * Parses and verifies, asserting the only outcomes allowed: a verified intent or a known refusal.
 * Returns the refusal reason, or 'accepted'.
 */
function acceptOrRefuse(text: string): string {
  let intent;
  try {
    intent = verifyIntent(parseIntent(text, limits));
  } catch (error) {
    expect(error).toBeInstanceOf(PublisherError);
    const { reason } = error as PublisherError;
    expect(allowedReasons).toContain(reason);
    return reason;
  }
  // Anything accepted must be one of the signed intents, possibly re-spelled (whitespace, escapes).
  expect(intentVectors.valid.map((vector) => vector.recordId)).toContain(intent.recordId);
  return 'accepted';
}

const seed = fc.constantFrom(...seeds);
const splice = (text: string, at: number, remove: number, insert: string): string => {
  const index = at % (text.length + 1);
  return text.slice(0, index) + insert + text.slice(index + remove);
};
const hostileFragment = fc.constantFrom(
  '"record":{}', '"a":1,"a":2', '1e400', '-1e999', '\\ud800', '\ud800', '\udc00', '"\\u0000"', '01', ',', ',]', ',}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', '{"x":{"x":{"x":{"x":{"x":{"x":{"x":{"x":', '/*', '\ufeff', '\u00a0',
  '"__proto__":{}', '"constructor":1', '"signature":"AA"', 'null', 'true', 'NaN', '"', '\\', '}', ']',
);

const mutations = fc.oneof(
  // Random text, ASCII-ish and arbitrary UTF-16 (including lone surrogates).
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  // One byte of a valid envelope flipped.
  fc.tuple(seed, fc.nat(), fc.integer({ min: 1, max: 0xffff })).map(([text, at, mask]) => {
    const index = at % text.length;
    return splice(text, index, 1, String.fromCharCode(text.charCodeAt(index) ^ mask));
  }),
  // Truncated.
  fc.tuple(seed, fc.nat()).map(([text, at]) => text.slice(0, at % text.length)),
  // A hostile fragment inserted or replacing a span.
  fc.tuple(seed, fc.nat(), fc.nat({ max: 8 }), hostileFragment).map(([text, at, remove, insert]) => splice(text, at, remove, insert)),
  // A duplicate of a top-level member.
  fc.tuple(seed, fc.constantFrom('protocol', 'version', 'record', 'targets', 'nonce', 'timestamp', 'signer', 'signature')).map(
    ([text, name]) => text.replace(/^\{/, `{"${name}":${JSON.stringify((JSON.parse(text) as Record<string, unknown>)[name])},`),
  ),
  // A record nested far too deep, or a huge number, or a huge string.
  fc.tuple(seed, fc.integer({ min: 20, max: 5000 })).map(([text, depth]) =>
    text.replace(/"record":/, `"record":{"d":${'['.repeat(depth)}${']'.repeat(depth)}},"x":`),
  ),
  fc.tuple(seed, fc.integer({ min: 300, max: 2000 })).map(([text, digits]) => text.replace(/"version":1/, `"version":1${'0'.repeat(digits)}`)),
  fc.tuple(seed, fc.integer({ min: 1000, max: 10_000 })).map(([text, size]) => text.replace(/"nonce":"/, `"nonce":"${'A'.repeat(size)}`)),
);

describe('parseIntent under hostile input', () => {
  it('accepts every seed as is', () => {
    expect(seeds.map(acceptOrRefuse)).toEqual(seeds.map(() => 'accepted'));
  });

  it('returns a verified intent or a MALFORMED_INTENT / INTENT_TOO_LARGE / BAD_SIGNATURE refusal, and nothing else', () => {
    const reasons = new Set<string>();
    fc.assert(
      fc.property(mutations, (text) => {
        reasons.add(acceptOrRefuse(text));
      }),
      { numRuns: 10_000 },
    );
    // The mutations must reach every stage, or the property proves less than it claims.
    expect(reasons).toContain('MALFORMED_INTENT');
    expect(reasons).toContain('INTENT_TOO_LARGE');
    expect(reasons).toContain('BAD_SIGNATURE');
  });

  it('refuses every single-character flip of the signed part of a valid envelope', () => {
    const text = seeds[0] ?? '';
    const signatureStart = text.indexOf('"signature"');
    let refused = 0;
    for (let index = 0; index < signatureStart; index++) {
      const flipped = splice(text, index, 1, String.fromCharCode(text.charCodeAt(index) ^ 0x01));
      try {
        verifyIntent(parseIntent(flipped, limits));
      } catch (error) {
        expect(error).toBeInstanceOf(PublisherError);
        refused++;
      }
    }
    expect(refused).toBe(signatureStart);
  });
});
