import { PublisherSdkError } from '../errors/sdk-error.ts';
import { isObject } from '../json/is-object.ts';

/** JSON text from a node (receipt, proof) as an object; anything else is MALFORMED_RESPONSE. */
export function parseJsonResponse<T>(text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PublisherSdkError('MALFORMED_RESPONSE', `the node's ${what} is not JSON`, { cause: error });
  }
  if (!isObject(value)) throw new PublisherSdkError('MALFORMED_RESPONSE', `the node's ${what} is not a JSON object`);
  return value as T;
}
