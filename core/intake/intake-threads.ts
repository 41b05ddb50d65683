import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { PublisherError } from '../errors/index.ts';
import type { IntakeCompute } from './intake-compute.ts';
import type { ThreadReply, ThreadTask } from './intake-thread-protocol.ts';
import type { Prepared } from './prepare-intents.ts';

/** Below this many items a task is not split: a message costs about as much as a few verifies. */
const MIN_CHUNK = 8;

type Task = ThreadTask extends infer T ? (T extends ThreadTask ? Omit<T, 'id'> : never) : never;

interface Thread {
  worker: Worker;
  waiting: Map<number, { resolve(reply: ThreadReply): void; reject(error: Error): void }>;
  /** Items handed to this thread and not yet answered: the least loaded gets the next chunk. */
  load: number;
}

/**
 * Intake's CPU-bound work on `count` worker threads, so that signature checks and receipt
 * signatures (two thirds of intake's CPU, bench/bottlenecks.md) use every core while the event
 * loop serves calls and talks to the database. A batch is cut into one chunk per thread; results
 * come back in order. A thread that dies fails the tasks it held (those calls fail, nothing is
 * stored for them) and is replaced.
 */
export async function startIntakeThreads(count: number, log: Logger): Promise<IntakeCompute> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`intake threads must be a positive integer, got ${count}`);
  const entry = new URL(import.meta.url.endsWith('.ts') ? './intake-thread.ts' : './intake-thread.js', import.meta.url).href;
  const threads: Thread[] = [];
  let nextId = 1;
  let closing = false;

  const spawn = (slot: number): Promise<void> => {
    const worker = new Worker(new URL('./intake-thread-boot.mjs', import.meta.url), { workerData: { entry }, name: `intake-${slot}` });
    const thread: Thread = { worker, waiting: new Map(), load: 0 };
    let online = false;
    threads[slot] = thread;
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      const waiter = thread.waiting.get(reply.id);
      thread.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      for (const waiter of thread.waiting.values()) waiter.reject(error);
      thread.waiting.clear();
      // A thread that never started (a broken install) is reported by startIntakeThreads, not retried.
      if (closing || !online || threads[slot] !== thread) return;
      log.error({ err: error, thread: slot }, 'an intake thread died; its calls failed and a new thread replaces it');
      void spawn(slot).catch((e: unknown) => log.error({ err: e, thread: slot }, 'could not replace an intake thread'));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`intake thread ${slot} exited with code ${code}`)));
    return new Promise((resolve, reject) => {
      worker.once('online', () => {
        online = true;
        resolve();
      });
      worker.once('error', reject);
    });
  };
  await Promise.all(Array.from({ length: count }, (_, slot) => spawn(slot)));

  const run = (thread: Thread, task: Task, items: number): Promise<ThreadReply> => {
    const id = nextId++;
    thread.load += items;
    return new Promise<ThreadReply>((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ ...task, id });
    }).finally(() => {
      thread.load -= items;
    });
  };

  /** Cuts `items` into chunks for the least loaded threads and joins the answers in order. */
  const spread = async <I, O>(items: readonly I[], task: (chunk: I[]) => Task, read: (reply: ThreadReply) => O[]): Promise<O[]> => {
    if (closing) throw new Error('the intake threads are closed');
    const chunks = Math.max(1, Math.min(threads.length, Math.floor(items.length / MIN_CHUNK)));
    const size = Math.ceil(items.length / chunks);
    const byLoad = [...threads].sort((a, b) => a.load - b.load);
    const replies = await Promise.all(
      Array.from({ length: chunks }, (_, i) => {
        const chunk = items.slice(i * size, (i + 1) * size);
        return run(byLoad[i]!, task(chunk), chunk.length).then(read);
      }),
    );
    return replies.flat();
  };

  return {
    prepare: (texts, limits, network) =>
      spread(
        texts,
        (chunk) => ({ op: 'prepare', texts: chunk, limits, network }),
        (reply): Prepared[] =>
          answer(reply, 'results').map((p) => (p.ok ? p : { ok: false, error: new PublisherError(p.error.reason, p.error.message, { metadata: p.error.metadata }) })),
      ),
    signReceipts: (fields, key) =>
      spread(
        fields,
        (chunk) => ({ op: 'sign', fields: chunk, key }),
        (reply) => answer(reply, 'receipts'),
      ),
    async close() {
      closing = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

function answer<K extends 'results' | 'receipts'>(reply: ThreadReply, key: K): Extract<ThreadReply, Record<K, unknown>>[K] {
  if (!reply.ok) throw new Error(`intake thread failed: ${reply.message}`);
  if (!(key in reply)) throw new Error(`intake thread answered without ${key}`);
  return (reply as Extract<ThreadReply, Record<K, unknown>>)[key];
}
