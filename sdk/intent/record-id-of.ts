import { PublisherSdkError } from '../errors/sdk-error.ts';
import { intentDigest } from './intent-digest.ts';

/** The record id (lowercase hex of the digest) of a signed envelope, as JSON text or parsed. */
export function recordIdOf(envelope: string | object): string {
  return intentDigest(typeof envelope === 'string' ? parseObject(envelope) : envelope).recordId;
}

function parseObject(text: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PublisherSdkError('INVALID_INPUT', 'envelope is not JSON', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PublisherSdkError('INVALID_INPUT', 'envelope must be a JSON object');
  }
  return value;
}
