import { PublisherError } from '../errors/index.ts';
import { acceptIntents } from './accept-intents.ts';
import type { IntakeContext } from './intake-context.ts';
import type { IntakeResult } from './intake-result.ts';

export interface GroupCommitOptions {
  /** Most intents committed in one transaction (a larger submission still goes whole, alone). */
  maxGroup: number;
  /** Groups in flight at once: one verifying while another commits. */
  concurrency: number;
  /**
   * Envelope text (in UTF-16 code units, about bytes) waiting for a group at most; past it a call is
   * refused NODE_BUSY at once rather than queued (an empty queue always takes one submission).
   */
  maxQueuedBytes: number;
  /** Told of every group when it ends: its intents, and its seconds from verification to commit. */
  observe?: (intents: number, seconds: number) => void;
}

export interface GroupCommit {
  /** Accepts one intent, committed together with whatever else arrived meanwhile. */
  accept(text: string): Promise<IntakeResult>;
  /** Accepts a batch: one result per text, in order; the batch is never split between transactions. */
  acceptMany(texts: readonly string[]): Promise<IntakeResult[]>;
}

interface Submission {
  texts: readonly string[];
  bytes: number;
  resolve(results: IntakeResult[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit for every intake call, single intents and batches alike. Every accepted intent
 * appends to the audit chain, which serialises commits on one lock, so a transaction per call
 * caps a node at a few hundred calls a second however many are in flight, and concurrent batches
 * spend their time queued on that lock. Here a call that finds `concurrency` groups already
 * running waits and then joins the next group, which `acceptIntents` commits in one transaction:
 * with one call at a time nothing waits, and under load each commit carries as many intents as
 * arrived meanwhile (up to `maxGroup`, whole submissions only). Each call still gets its own
 * results: a refusal touches only its own intent; a failed transaction (the database gone) fails
 * every call of its group, with nothing stored, exactly as `acceptIntents` does for a batch.
 */
export function groupCommit(ctx: IntakeContext, options: GroupCommitOptions): GroupCommit {
  const queue: Submission[] = [];
  let queuedBytes = 0;
  let running = 0;

  /** Whole submissions from the head of the queue, as many as fit in `maxGroup` (at least one). */
  const nextGroup = (): Submission[] => {
    const group = [queue.shift()!];
    let size = group[0]!.texts.length;
    while (queue.length > 0 && size + queue[0]!.texts.length <= options.maxGroup) {
      size += queue[0]!.texts.length;
      group.push(queue.shift()!);
    }
    for (const s of group) queuedBytes -= s.bytes;
    return group;
  };

  const flush = (): void => {
    while (running < options.concurrency && queue.length > 0) {
      const group = nextGroup();
      const texts = group.flatMap((s) => s.texts);
      running += 1;
      const started = performance.now();
      acceptIntents(ctx, texts)
        .then(
          (results) => {
            let at = 0;
            for (const s of group) {
              s.resolve(results.slice(at, at + s.texts.length));
              at += s.texts.length;
            }
          },
          (error: unknown) => group.forEach((s) => s.reject(error)),
        )
        .finally(() => {
          running -= 1;
          options.observe?.(texts.length, (performance.now() - started) / 1_000);
          flush();
        });
    }
  };

  const acceptMany = (texts: readonly string[]): Promise<IntakeResult[]> => {
    if (texts.length === 0) return Promise.resolve([]);
    let bytes = 0;
    for (const text of texts) bytes += text.length;
    if (queue.length > 0 && queuedBytes + bytes > options.maxQueuedBytes) return Promise.reject(nodeBusy(queuedBytes));
    queuedBytes += bytes;
    return new Promise<IntakeResult[]>((resolve, reject) => {
      queue.push({ texts, bytes, resolve, reject });
      // Let the calls that arrived in the same turn of the event loop join this group.
      if (queue.length === 1) setImmediate(flush);
    });
  };

  return {
    acceptMany,
    accept: async (text) => (await acceptMany([text]))[0]!,
  };
}

function nodeBusy(queuedBytes: number): PublisherError {
  return new PublisherError('NODE_BUSY', `intake is ${queuedBytes} bytes of intents behind; retry shortly`, { metadata: { retryAfterMs: '1000' } });
}
