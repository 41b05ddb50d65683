import { withTransaction } from '../store/index.ts';
import { isPublisherError } from '../errors/index.ts';
import { commitIntents, type Candidate } from './commit-intents.ts';
import type { IntakeContext } from './intake-context.ts';
import type { IntakeResult } from './intake-result.ts';
import { prepareRegistered } from './prepare-registered.ts';

/**
 * Accepts signed intents (wire-format.md §1): one result per text, in order. All intents that
 * pass verification are committed in one database transaction; if that transaction fails (for
 * example the database is down), each of them gets that error and nothing is stored. A closed
 * node consults its registry before verifying signatures (prepare-registered.ts).
 */
export async function acceptIntents(ctx: IntakeContext, texts: readonly string[]): Promise<IntakeResult[]> {
  const prepared = ctx.openRegistration ? await ctx.compute.prepare(texts, ctx.limits, ctx.network) : await prepareRegistered(ctx, texts);
  const results: IntakeResult[] = new Array(texts.length);
  const candidates: Candidate[] = [];
  prepared.forEach((p, index) => {
    if (!p.ok) results[index] = p;
    else candidates.push({ index, intent: p.intent, text: texts[index]! });
  });
  if (candidates.length > 0) {
    try {
      const committed = await withTransaction(ctx.pool, (client) => commitIntents(client, ctx, candidates));
      for (const [index, result] of committed) results[index] = result;
    } catch (error) {
      if (!isPublisherError(error)) throw error;
      for (const c of candidates) results[c.index] = { ok: false, error };
    }
  }
  return results;
}
