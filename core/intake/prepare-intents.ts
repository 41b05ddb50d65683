import { PublisherError } from '../errors/index.ts';
import { parseIntent, verifyIntent, type VerifiedIntent } from '../intent/index.ts';
import type { IntentLimits } from '../intent/index.ts';

export type Prepared = { ok: true; intent: VerifiedIntent; text: string } | { ok: false; error: PublisherError };

/**
 * The stateless half of intake: parse and verify each envelope. Refusals here concern input no
 * known party stands behind (malformed, oversize, forged), so they touch no table at all.
 */
export function prepareIntents(texts: readonly string[], limits: IntentLimits): Prepared[] {
  return texts.map((text) => {
    try {
      return { ok: true, intent: verifyIntent(parseIntent(text, limits)), text };
    } catch (error) {
      if (error instanceof PublisherError) return { ok: false, error };
      throw error;
    }
  });
}
