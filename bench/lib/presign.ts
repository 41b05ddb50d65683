import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SignJob } from './sign-worker.ts';

// Worker threads do not inherit tsx's loader hooks, so each thread boots through tsx's API.
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./sign-worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`;

/**
 * Signs `count` intents before the clock starts, spread over worker threads (one secp256k1
 * signature is ~60 µs here; 125,000 of them on one thread would add seconds to every phase).
 * Keys are split between the threads, so there are `keys` distinct creators in all.
 */
export async function presign(count: number, keys: number, targets: readonly string[]): Promise<string[]> {
  const threads = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(count / 5_000)));
  const share = Math.ceil(count / threads);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const job: SignJob = { keys: Math.max(1, Math.ceil(keys / threads)), targets: [...targets], count: Math.max(0, Math.min(share, count - t * share)), firstSerial: t * share };
      return new Promise<string[]>((resolve, reject) => {
        const worker = new Worker(BOOT, { eval: true, workerData: job });
        worker.once('message', (texts: string[]) => resolve(texts));
        worker.once('error', reject);
      });
    }),
  );
  return parts.flat();
}
