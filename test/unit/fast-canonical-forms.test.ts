import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, auditHashOfCanonical } from '../../core/audit/index.ts';
import { canonicalJson, type JsonObject } from '../../core/canonical/index.ts';
import { generateReceiptKeyHex, receiptJson, receiptKeyFromHex, signedReceiptJson, signReceipt, verifyReceipt, type Receipt } from '../../core/receipts/index.ts';

// The hot paths of intake assemble two canonical texts by hand (core/audit/audit-hash.ts,
// core/receipts/receipt.ts); they must equal the generic canonicalize-based forms on any input.
// Strings are drawn from the whole of Unicode, including characters JSON must escape.
const text = fc.string({ unit: 'binary', maxLength: 24 });
const tricky = fc.oneof(text, fc.constantFrom('', '"', '\\', '\u0000\u001f\u007f', '\u2028\u2029', 'é😀', '</script>'));
const when = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const json: fc.Arbitrary<JsonObject> = fc.dictionary(tricky, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as fc.Arbitrary<JsonObject>;

describe('auditHashOfCanonical', () => {
  it('equals auditHash for every event whose data is canonical JSON', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), when, tricky, tricky, tricky, json, tricky, (seq, at, kind, actor, subject, data, prevHash) => {
        const fields = { seq, at, kind, actor, subject, dataJson: canonicalJson(data), prevHash };
        expect(auditHashOfCanonical(fields)).toBe(auditHash(fields));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what canonicalize refuses: a lone surrogate, a seq that is not a safe integer', () => {
    const fields = { seq: 1, at: new Date(0), kind: 'k', actor: 'a', subject: 's', dataJson: '{}', prevHash: '0'.repeat(64) };
    expect(() => auditHashOfCanonical({ ...fields, actor: 'x\ud800' })).toThrow(/lone surrogate/);
    expect(() => auditHashOfCanonical({ ...fields, seq: 1.5 })).toThrow(/safe integer/);
  });
});

describe('signedReceiptJson', () => {
  const key = receiptKeyFromHex(generateReceiptKeyHex());
  it('is byte for byte receiptJson(signReceipt(...)), and verifies', () => {
    fc.assert(
      fc.property(tricky, tricky, fc.array(tricky, { maxLength: 3 }), tricky, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (recordId, creator, targets, acceptedAt, auditSeq) => {
        const fields = { recordId, creator, targets, acceptedAt, auditSeq };
        const fast = signedReceiptJson(fields, key);
        expect(fast).toBe(receiptJson(signReceipt(fields, key)));
        expect(verifyReceipt(JSON.parse(fast) as Receipt)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a lone surrogate and a fractional sequence number', () => {
    const fields = { recordId: 'r', creator: 'c', targets: ['bsv'], acceptedAt: 'now', auditSeq: 1 };
    expect(() => signedReceiptJson({ ...fields, creator: '\udc00' }, key)).toThrow(/well-formed/);
    expect(() => signedReceiptJson({ ...fields, auditSeq: 0.5 }, key)).toThrow(/safe integer/);
  });
});
