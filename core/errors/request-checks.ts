import { PublisherError } from './publisher-error.ts';

/** The largest values of PostgreSQL's `int` and `bigint`, the columns request numbers meet. */
export const PG_INT_MAX = 2_147_483_647;
export const PG_BIGINT_MAX = 9_223_372_036_854_775_807n;

/** A request field the node cannot take as given: INVALID_ARGUMENT / INVALID_REQUEST, naming the field. */
export function invalidRequest(field: string, problem: string): PublisherError {
  return new PublisherError('INVALID_REQUEST', `${field}: ${problem}`, { metadata: { field } });
}

/**
 * Text that PostgreSQL stores as sent: well-formed Unicode (a lone surrogate would be stored as
 * U+FFFD, another string than the one sent), no NUL (PostgreSQL's text cannot hold it), and at most
 * `max` UTF-16 code units.
 */
export function checkText(field: string, value: string, max: number): string {
  if (value.length > max) throw invalidRequest(field, `at most ${max} characters`);
  if (value.includes('\u0000')) throw invalidRequest(field, 'must not contain NUL (U+0000)');
  if (!value.isWellFormed()) throw invalidRequest(field, 'must be well-formed Unicode (no lone surrogate)');
  return value;
}

/** An integer within [min, max], for a column or a JavaScript number that must hold it exactly. */
export function checkInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalidRequest(field, `must be an integer from ${min} to ${max}`);
  return value;
}

/** A 64-bit request value (protobuf uint64/int64) within [min, max]. */
export function checkBigint(field: string, value: bigint, min: bigint, max: bigint): bigint {
  if (value < min || value > max) throw invalidRequest(field, `must be from ${min} to ${max}`);
  return value;
}
