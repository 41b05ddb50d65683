import { acceptIntents } from './accept-intents.ts';
import type { IntakeContext } from './intake-context.ts';
import type { IntakeResult } from './intake-result.ts';

export interface GroupCommitOptions {
  /** Most intents committed in one transaction. */
  maxGroup: number;
  /** Groups in flight at once: one verifying while another commits. */
  concurrency: number;
}

export interface GroupCommit {
  /** Accepts one intent, committed together with whatever else arrived meanwhile. */
  accept(text: string): Promise<IntakeResult>;
}

interface Waiting {
  text: string;
  resolve(result: IntakeResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for single-intent calls. Every accepted intent appends to the audit chain, which
 * serialises commits on one lock, so a transaction per call caps a node at a few hundred calls a
 * second however many are in flight. Here a call that finds a group already running waits for it
 * to end and then joins the next group, which `acceptIntents` commits in one transaction: with
 * one call at a time nothing waits, and under load each commit carries as many intents as arrived
 * during the previous one. Each call still gets its own result: a refusal touches only its own
 * intent; a failed transaction (the database gone) fails every call of its group, with nothing
 * stored, exactly as `acceptIntents` does for a batch.
 */
export function groupCommit(ctx: IntakeContext, options: GroupCommitOptions): GroupCommit {
  const queue: Waiting[] = [];
  let running = 0;

  const flush = (): void => {
    while (running < options.concurrency && queue.length > 0) {
      const group = queue.splice(0, options.maxGroup);
      running += 1;
      acceptIntents(
        ctx,
        group.map((w) => w.text),
      )
        .then(
          (results) => group.forEach((w, i) => w.resolve(results[i]!)),
          (error: unknown) => group.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          running -= 1;
          flush();
        });
    }
  };

  return {
    accept(text) {
      return new Promise<IntakeResult>((resolve, reject) => {
        queue.push({ text, resolve, reject });
        // Let the calls that arrived in the same turn of the event loop join this group.
        if (queue.length === 1) setImmediate(flush);
      });
    },
  };
}
