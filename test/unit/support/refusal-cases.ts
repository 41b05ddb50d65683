import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/canonical/index.ts';
import { parseIntent, verifyIntent, type IntentLimits } from '../../../core/intent/index.ts';
import { expectRefusal } from './expect-refusal.ts';
import { signedWith } from './signed-envelope.ts';

/** One refusal rule: an input that breaks exactly that rule, and how it must be refused. */
export interface RefusalCase {
  readonly rule: string;
  readonly text: string;
  readonly reason: 'MALFORMED_INTENT' | 'INTENT_TOO_LARGE' | 'BAD_SIGNATURE';
  readonly message: RegExp;
  readonly field?: string;
  readonly limits?: IntentLimits;
}

/** A correctly signed envelope, the starting point of every edit. */
export const valid = signedWith({});

/** The valid envelope's text with one exact span replaced (the span must exist). */
export function edit(from: string, to: string): string {
  expect(valid).toContain(from);
  return valid.replace(from, to);
}

export function withoutMember(name: string): string {
  const value = JSON.parse(valid) as Record<string, unknown>;
  delete value[name];
  return JSON.stringify(value);
}

/** A record whose innermost object sits `levels` below the record itself. */
export function nestedRecord(levels: number): JsonValue {
  let value: JsonValue = {};
  for (let i = 0; i < levels; i++) value = { n: value };
  return value;
}

export function base64urlOf(length: number): string {
  return Buffer.alloc(length, 9).toString('base64url');
}

/**
 * Registers one test per case, asserting reason, message and field through parse and verify,
 * plus one asserting that only signature problems get past parseIntent.
 */
export function describeRefusals(title: string, cases: readonly RefusalCase[]): void {
  describe(title, () => {
    it.each(cases)('$rule → $reason', ({ text, reason, message, field, limits }) => {
      const error = expectRefusal(() => verifyIntent(parseIntent(text, limits)), reason, message);
      if (field !== undefined) {
        expect(error.metadata['field']).toBe(field);
      }
    });

    it('refuses malformed input in parseIntent itself, leaving only signatures to verifyIntent', () => {
      for (const { text, reason, limits } of cases) {
        if (reason === 'BAD_SIGNATURE') {
          expect(() => parseIntent(text, limits)).not.toThrow();
        } else {
          expectRefusal(() => parseIntent(text, limits), reason);
        }
      }
    });
  });
}
