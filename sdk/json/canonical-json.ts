import canonicalize from 'canonicalize';
import { PublisherSdkError } from '../errors/sdk-error.ts';

/**
 * RFC 8785 (JCS) text: the exact bytes signatures cover. The library refuses NaN, Infinity, lone
 * surrogates and cycles; they become INVALID_INPUT here, since no node would accept them either.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new PublisherSdkError('INVALID_INPUT', `value cannot be canonicalised (RFC 8785): ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) {
    throw new PublisherSdkError('INVALID_INPUT', 'value has no JSON representation');
  }
  return text;
}
