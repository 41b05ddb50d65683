import { badSignature } from './errors.ts';
import type { ParsedIntent, VerifiedIntent } from './parsed-intent.ts';

/** Stage two: the creator's signature over the digest, with the key the envelope names. */
export function verifyIntent(parsed: ParsedIntent): VerifiedIntent {
  if (!parsed.scheme.verify(parsed.digest, parsed.signature, parsed.publicKey)) {
    throw badSignature(parsed.scheme.name, parsed.recordId);
  }
  return { ...parsed, verified: true };
}
