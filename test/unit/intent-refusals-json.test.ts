import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../core/intent/index.ts';
import { expectRefusal } from './support/expect-refusal.ts';
import { describeRefusals, edit, nestedRecord, valid, type RefusalCase } from './support/refusal-cases.ts';
import { signedWith } from './support/signed-envelope.ts';

const cases: RefusalCase[] = [
  // Size comes first, whatever the content.
  { rule: 'over the size limit, even when not JSON', text: 'x'.repeat(65_537), reason: 'INTENT_TOO_LARGE', message: /65537 bytes .* limit is 65536/ },
  { rule: 'over the size limit counted in UTF-8 bytes', text: `"${'é'.repeat(60)}"`, reason: 'INTENT_TOO_LARGE', message: /122 bytes .* limit is 100/, limits: { maxEnvelopeBytes: 100, maxDepth: 32 } },
  { rule: 'a valid intent over a configured limit', text: valid, reason: 'INTENT_TOO_LARGE', message: /limit is 200/, limits: { maxEnvelopeBytes: 200, maxDepth: 32 } },
  // Strict JSON.
  { rule: 'not JSON', text: 'hello', reason: 'MALFORMED_INTENT', message: /invalid JSON .* expected a value/, field: 'json' },
  { rule: 'a trailing comma', text: edit('"share":100}', '"share":100,}'), reason: 'MALFORMED_INTENT', message: /trailing comma/, field: 'json' },
  { rule: 'a leading zero', text: edit('"share":100', '"share":0100'), reason: 'MALFORMED_INTENT', message: /leading zero/, field: 'json' },
  { rule: 'single quotes', text: edit('"type":"music"', "'type':'music'"), reason: 'MALFORMED_INTENT', message: /double quotes/, field: 'json' },
  { rule: 'a comment', text: edit('{"type"', '{/* c */"type"'), reason: 'MALFORMED_INTENT', message: /found '\/'/, field: 'json' },
  { rule: 'a control character in a string', text: edit('"Song"', '"So\tng"'), reason: 'MALFORMED_INTENT', message: /control character/, field: 'json' },
  { rule: 'a bad escape', text: edit('"Song"', '"So\\qng"'), reason: 'MALFORMED_INTENT', message: /invalid escape/, field: 'json' },
  { rule: 'a byte order mark', text: `\ufeff${valid}`, reason: 'MALFORMED_INTENT', message: /U\+FEFF/, field: 'json' },
  { rule: 'trailing garbage', text: `${valid}x`, reason: 'MALFORMED_INTENT', message: /after the JSON value/, field: 'json' },
  { rule: 'non-JSON whitespace', text: edit('{"protocol"', '{\u00a0"protocol"'), reason: 'MALFORMED_INTENT', message: /U\+00A0/, field: 'json' },
  { rule: 'a duplicate top-level member', text: edit('"version":1', '"version":1,"version":1'), reason: 'MALFORMED_INTENT', message: /duplicate member name "version"/, field: 'json' },
  { rule: 'a duplicate member deep in the record', text: edit('"id":"a"', '"id":"a","id":"b"'), reason: 'MALFORMED_INTENT', message: /duplicate member name "id"/, field: 'json' },
  { rule: 'an escaped lone surrogate', text: edit('"Song"', '"So\\ud800ng"'), reason: 'MALFORMED_INTENT', message: /lone UTF-16 surrogate/, field: 'json' },
  { rule: 'a raw lone surrogate', text: edit('"Song"', '"So\ud800ng"'), reason: 'MALFORMED_INTENT', message: /lone UTF-16 surrogate/, field: 'json' },
  { rule: 'a number overflowing to Infinity', text: edit('"share":100', '"share":1e400'), reason: 'MALFORMED_INTENT', message: /too large/, field: 'json' },
  { rule: 'nesting of 33 levels', text: signedWith({ record: nestedRecord(31) }), reason: 'MALFORMED_INTENT', message: /nesting deeper than 32/, field: 'json' },
  { rule: 'nesting over a configured depth', text: valid, reason: 'MALFORMED_INTENT', message: /nesting deeper than 3 /, limits: { maxEnvelopeBytes: 65_536, maxDepth: 3 } },
];

describeRefusals('intent refusals: size and strict JSON', cases);

describe('intent size limit', () => {
  it('is checked before parsing: an oversized envelope of broken JSON is too large, not malformed', () => {
    const error = expectRefusal(() => parseIntent(`{${' '.repeat(70_000)}`), 'INTENT_TOO_LARGE');
    expect(error.metadata).toEqual({ sizeBytes: '70001', maxBytes: '65536' });
  });

  it('fails closed when the limits are not numbers', () => {
    expectRefusal(() => parseIntent(valid, { maxEnvelopeBytes: Number.NaN, maxDepth: 32 }), 'INTENT_TOO_LARGE');
    expectRefusal(() => parseIntent(valid, { maxEnvelopeBytes: 65_536, maxDepth: Number.NaN }), 'MALFORMED_INTENT', /nesting/);
  });

  it('refuses a non-string input as malformed rather than crashing', () => {
    expectRefusal(() => parseIntent(undefined as unknown as string), 'MALFORMED_INTENT', /JSON text/);
  });
});
