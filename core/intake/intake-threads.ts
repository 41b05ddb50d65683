import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { PublisherError } from '../errors/index.ts';
import type { IntakeCompute } from './intake-compute.ts';
import type { ThreadReply, ThreadTask, WireRefusal } from './intake-thread-protocol.ts';
import type { Parsed, Prepared } from './prepare-intents.ts';

/**
 * Work goes out in small chunks, one chunk per thread at a time, so that a small call's work
 * waits behind at most one chunk of a large batch's, never behind the whole batch.
 */
const CHUNK = { prepare: 64, parse: 64, verify: 64 } as const;

type Task = ThreadTask extends infer T ? (T extends ThreadTask ? Omit<T, 'id'> : never) : never;

interface Job {
  task: Task;
  resolve(reply: ThreadReply): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** The job this thread is working on; a thread holds at most one. */
  current: { id: number; job: Job } | undefined;
}

/**
 * Intake's CPU-bound work on `count` worker threads, so that parsing and signature checks (most of
 * intake's CPU, bench/bottlenecks.md) use every core while the event loop serves calls and talks
 * to the database. A batch is cut into chunks that idle threads take in turn; results come back
 * in order. A thread that dies fails the chunk
 * it held (that call fails, nothing is stored for it) and is replaced.
 */
export async function startIntakeThreads(count: number, log: Logger): Promise<IntakeCompute> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`intake threads must be a positive integer, got ${count}`);
  // Run from TypeScript sources (tsx), a thread starts through a small bootstrap that loads tsx;
  // compiled to JavaScript (npm run build), it starts on the compiled entry directly.
  const fromSources = import.meta.url.endsWith('.ts');
  const script = new URL(fromSources ? './intake-thread-boot.mjs' : './intake-thread.js', import.meta.url);
  const entry = new URL('./intake-thread.ts', import.meta.url).href;
  const threads: Thread[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let closing = false;

  const dispatch = () => {
    for (const thread of threads) {
      if (!thread || thread.current) continue;
      const job = waiting.shift();
      if (!job) return;
      const id = nextId++;
      thread.current = { id, job };
      thread.worker.postMessage({ ...job.task, id });
    }
  };

  const spawn = (slot: number): Promise<void> => {
    const worker = new Worker(script, { workerData: { entry }, name: `intake-${slot}` });
    const thread: Thread = { worker, current: undefined };
    let online = false;
    threads[slot] = thread;
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      const current = thread.current;
      thread.current = undefined;
      if (current?.id === reply.id) current.job.resolve(reply);
      dispatch();
    });
    const fail = (error: Error) => {
      const current = thread.current;
      thread.current = undefined;
      current?.job.reject(error);
      // A thread that never started (a broken install) is reported by startIntakeThreads, not retried.
      if (closing || !online || threads[slot] !== thread) return;
      log.error({ err: error, thread: slot }, 'an intake thread died; its calls failed and a new thread replaces it');
      void spawn(slot)
        .then(dispatch)
        .catch((e: unknown) => log.error({ err: e, thread: slot }, 'could not replace an intake thread'));
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

  /** Cuts `items` into chunks, queues them and joins the answers in order. */
  const spread = async <I, O>(items: readonly I[], chunk: number, task: (chunk: I[]) => Task, read: (reply: ThreadReply) => O[]): Promise<O[]> => {
    if (closing) throw new Error('the intake threads are closed');
    const parts = Math.max(1, Math.ceil(items.length / chunk));
    const replies = Array.from(
      { length: parts },
      (_, i) => new Promise<ThreadReply>((resolve, reject) => waiting.push({ task: task(items.slice(i * chunk, (i + 1) * chunk)), resolve, reject })),
    );
    dispatch();
    return (await Promise.all(replies)).flatMap(read);
  };

  return {
    prepare: (texts, limits, network) =>
      spread(
        texts,
        CHUNK.prepare,
        (part) => ({ op: 'prepare', texts: part, limits, network }),
        (reply): Prepared[] => answer(reply, 'results').map((p) => (p.ok ? p : fromWire(p))),
      ),
    parse: (texts, limits, network) =>
      spread(
        texts,
        CHUNK.parse,
        (part) => ({ op: 'parse', texts: part, limits, network }),
        (reply): Parsed[] => answer(reply, 'parsed').map((p) => (p.ok ? p : fromWire(p))),
      ),
    verify: (checks) =>
      spread(
        checks,
        CHUNK.verify,
        (part) => ({ op: 'verify', checks: part }),
        (reply) => answer(reply, 'verified'),
      ),
    async close() {
      closing = true;
      for (const job of waiting.splice(0)) job.reject(new Error('the intake threads are closed'));
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

const fromWire = (refusal: WireRefusal) => ({ ok: false as const, error: new PublisherError(refusal.error.reason, refusal.error.message, { metadata: refusal.error.metadata }) });

function answer<K extends 'results' | 'parsed' | 'verified'>(reply: ThreadReply, key: K): Extract<ThreadReply, Record<K, unknown>>[K] {
  if (!reply.ok) throw new Error(`intake thread failed: ${reply.message}`);
  if (!(key in reply)) throw new Error(`intake thread answered without ${key}`);
  return (reply as Extract<ThreadReply, Record<K, unknown>>)[key];
}
