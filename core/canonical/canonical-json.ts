import canonicalize from 'canonicalize';
import type { JsonValue } from './json-value.ts';

/**
 * RFC 8785 (JCS) text of a JSON value: the exact bytes that signatures cover.
 *
 * Callers pass values from the strict parser or built in code, which are always representable;
 * the library throws on NaN, Infinity and lone surrogates, which therefore signal a bug upstream
 * rather than bad client input.
 */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new TypeError('canonicalJson: value has no JSON representation');
  }
  return text;
}
