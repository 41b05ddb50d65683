import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PublisherError } from '../../core/errors/index.ts';
import { parseStrictJson } from '../../core/intent/index.ts';
import { expectRefusal } from './support/expect-refusal.ts';

const parse = (text: string, maxDepth = 32): unknown => parseStrictJson(text, { maxDepth });

describe('parseStrictJson accepts RFC 8259 JSON', () => {
  it.each([
    ['{"a":[1,-0.5,2e3,1E-2,0,true,false,null,"s"]}'],
    [' \t\r\n{ "a" : { } , "b" : [ ] } \n'],
    ['"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC"'],
    ['"\\ud83d\\ude00 and raw \ud83d\ude00"'],
    ['"\u007f\u0080\u2028 are not controls in JSON"'],
    ['123456789012345678901234567890'],
    ['1e-400'],
    ['[]'],
  ])('%s, like JSON.parse', (text) => {
    expect(parse(text)).toEqual(JSON.parse(text));
  });

  it('agrees with JSON.parse on any JSON that JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        expect(parse(text, 100)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts what JSON.parse refuses, and never throws anything but PublisherError', () => {
    const nearJson = fc.stringMatching(/^[[\]{}",:0-9eE.+\-tfrualsn \\]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(nearJson, fc.string({ maxLength: 24, unit: 'binary' })), (text) => {
        let accepted: unknown;
        try {
          accepted = parse(text);
        } catch (error) {
          expect(error).toBeInstanceOf(PublisherError);
          return;
        }
        expect(accepted).toEqual(JSON.parse(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps "__proto__" as an own data member without touching any prototype', () => {
    const value = parse('{"__proto__":{"isAdmin":true},"x":{"__proto__":[]}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ isAdmin: true });
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});

describe('parseStrictJson refuses', () => {
  it.each([
    ['empty input', '', /expected a value but found end of input/],
    ['a trailing comma in an array', '[1,2,]', /trailing comma/],
    ['a trailing comma in an object', '{"a":1,}', /trailing comma/],
    ['a leading zero', '{"a":012}', /leading zero/],
    ['a negative leading zero', '-01', /leading zero/],
    ['a bare fraction', '.5', /expected a value but found '\.'/],
    ['a fraction without digits', '1.', /fraction without digits/],
    ['an exponent without digits', '1e+', /exponent without digits/],
    ['a plus sign', '+1', /expected a value but found '\+'/],
    ['NaN', 'NaN', /expected a value/],
    ['Infinity', 'Infinity', /expected a value/],
    ['single quotes', "{'a':1}", /member name in double quotes but found '''/],
    ['an unquoted key', '{a:1}', /member name in double quotes/],
    ['a line comment', '{"a":1}// note', /unexpected '\/' .* after the JSON value/],
    ['a block comment', '[1/* x */]', /expected ',' or ']' but found '\/'/],
    ['a raw tab inside a string', '"a\tb"', /unescaped control character/],
    ['a raw newline inside a string', '"a\nb"', /unescaped control character/],
    ['a raw NUL inside a string', '"a\u0000b"', /unescaped control character/],
    ['an unknown escape', '"\\x41"', /invalid escape/],
    ['a short \\u escape', '"\\u12"', /invalid \\u escape/],
    ['a non-hex \\u escape', '"\\u12G4"', /invalid \\u escape/],
    ['an unterminated string', '"abc', /unterminated string/],
    ['a byte order mark', '\ufeff{}', /U\+FEFF/],
    ['a no-break space as whitespace', '{\u00a0}', /U\+00A0/],
    ['a form feed as whitespace', '[\f1]', /U\+000C/],
    ['a vertical tab as whitespace', '[1\v]', /U\+000B/],
    ['trailing garbage', '{} x', /unexpected 'x' .* after the JSON value/],
    ['two values', '1 2', /after the JSON value/],
    ['a truncated literal', '[tru]', /expected a value but found 't'/],
    ['a capitalized literal', 'True', /expected a value/],
    ['a missing colon', '{"a" 1}', /expected ':'/],
    ['a missing comma', '[1 2]', /expected ',' or ']'/],
    ['an unclosed object', '{"a":1', /expected ',' or '}' but found end of input/],
    ['an escaped lone high surrogate', '"\\ud800"', /lone UTF-16 surrogate/],
    ['an escaped lone low surrogate', '"\\udc00x"', /lone UTF-16 surrogate/],
    ['a high surrogate followed by a non-surrogate escape', '"\\ud83d\\u0041"', /lone UTF-16 surrogate/],
    ['a raw lone high surrogate', '"a\ud800b"', /lone UTF-16 surrogate/],
    ['a raw lone low surrogate', '"\udc00"', /lone UTF-16 surrogate/],
    ['a lone surrogate in a key', '{"\\ud800":1}', /lone UTF-16 surrogate/],
    ['a number overflowing to Infinity', '[1e400]', /too large/],
    ['a number overflowing to -Infinity', '-1e400', /too large/],
    ['a long integer overflowing to Infinity', `1${'0'.repeat(400)}`, /too large/],
  ])('%s', (_rule, text, message) => {
    const error = expectRefusal(() => parse(text), 'MALFORMED_INTENT', message);
    expect(error.message).toMatch(/^invalid JSON at offset \d+: /);
    expect(error.metadata['offset']).toMatch(/^\d+$/);
  });

  it.each([
    ['at the top level', '{"a":1,"b":2,"a":3}', '"a"'],
    ['in a nested object', '{"x":[{"k":{"id":1,"id":1}}]}', '"id"'],
    ['spelled differently but equal once unescaped', '{"a":1,"\\u0061":2}', '"a"'],
    ['named "__proto__"', '{"__proto__":1,"__proto__":2}', '"__proto__"'],
  ])('a duplicate member name %s', (_where, text, key) => {
    const error = expectRefusal(() => parse(text), 'MALFORMED_INTENT', /duplicate member name/);
    expect(error.metadata['key']).toBe(key);
  });

  it('does not mistake equal names in sibling objects for duplicates', () => {
    expect(parse('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe('parseStrictJson depth limit (the outermost container is depth 1)', () => {
  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('accepts exactly maxDepth levels and refuses one more', () => {
    expect(() => parse(nested(32), 32)).not.toThrow();
    expectRefusal(() => parse(nested(33), 32), 'MALFORMED_INTENT', /nesting deeper than 32 levels/);
  });

  it('counts objects and arrays alike and scalars not at all', () => {
    expect(() => parse('{"a":[{"b":1}]}', 3)).not.toThrow();
    expectRefusal(() => parse('{"a":[{"b":{}}]}', 3), 'MALFORMED_INTENT', /nesting deeper than 3/);
    expect(parse('1', 0)).toBe(1);
  });

  it('refuses hostile nesting without exhausting the stack, even with no practical limit', () => {
    const deep = '['.repeat(1_000_000);
    expectRefusal(() => parse(deep, 32), 'MALFORMED_INTENT', /nesting deeper than 32/);
    expectRefusal(() => parse(deep, Number.MAX_SAFE_INTEGER), 'MALFORMED_INTENT', /expected a value but found end of input/);
    const value = parse(nested(100_000), Number.MAX_SAFE_INTEGER);
    expect(Array.isArray(value)).toBe(true);
  });
});
