import type { SignedIntent } from '../intent/intent-envelope.ts';
import { readIntent } from './read-intent.ts';

/**
 * True when a signed envelope's creator signature verifies over its digest, offline. It does not
 * apply the node's other rules (time window, key registry, targets); Publish does.
 */
export async function verifyIntent(intent: SignedIntent | string): Promise<boolean> {
  return (await readIntent(intent)).signature.ok;
}
