import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryText, entryTextOfCanonical } from '../../core/audit/index.ts';
import { canonicalJson, type JsonObject } from '../../core/canonical/index.ts';

// The hot path of intake assembles the log entry's canonical text by hand (core/audit/entry-text.ts);
// it must equal the generic canonicalize-based form on any input.
// Strings are drawn from the whole of Unicode, including characters JSON must escape.
const text = fc.string({ unit: 'binary', maxLength: 24 });
const tricky = fc.oneof(text, fc.constantFrom('', '"', '\\', '\u0000\u001f\u007f', '\u2028\u2029', 'é😀', '</script>'));
const when = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const json: fc.Arbitrary<JsonObject> = fc.dictionary(tricky, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as fc.Arbitrary<JsonObject>;

describe('entryTextOfCanonical', () => {
  it('equals the generic JCS form for every entry whose data is canonical JSON', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), when, tricky, tricky, tricky, json, (index, at, kind, actor, subject, data) => {
        const fields = { index, at, kind, actor, subject, dataJson: canonicalJson(data) };
        expect(entryTextOfCanonical(fields)).toBe(entryText(fields));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what canonicalize refuses: a lone surrogate, an index that is not a safe integer', () => {
    const fields = { index: 1, at: new Date(0), kind: 'k', actor: 'a', subject: 's', dataJson: '{}' };
    expect(() => entryTextOfCanonical({ ...fields, actor: 'x\ud800' })).toThrow(/lone surrogate/);
    expect(() => entryTextOfCanonical({ ...fields, index: 1.5 })).toThrow(/safe integer/);
  });
});
