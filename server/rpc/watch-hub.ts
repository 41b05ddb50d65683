import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { getRecords, type RecordView } from '../../core/records/index.ts';

type Listener = (record: RecordView) => void;

export interface WatchHub {
  /** Calls `listener` with the record now and whenever it changes, until `signal` aborts. */
  subscribe(recordId: string, listener: Listener, signal: AbortSignal): void;
  close(): void;
}

const isFinal = (record: RecordView) => record.publications.every((p) => p.status === 'confirmed' || p.status === 'failed');
const fingerprint = (record: RecordView) => JSON.stringify(record.publications);

/**
 * One poller for every WatchRecord stream of this process: each tick reads all watched records in
 * one query and notifies the watchers of those that changed. Polling the database (instead of
 * LISTEN/NOTIFY) sees changes made by any worker process, with no extra connection per watcher.
 */
export function createWatchHub(pool: Pool, intervalMs: number, log: Logger): WatchHub {
  const watchers = new Map<string, Set<Listener>>();
  const last = new Map<string, string>();
  let ticking = false;
  const tick = async () => {
    if (ticking || watchers.size === 0) return;
    ticking = true;
    try {
      for (const record of await getRecords(pool, [...watchers.keys()])) {
        const print = fingerprint(record);
        if (last.get(record.recordId) === print) continue;
        last.set(record.recordId, print);
        for (const listener of watchers.get(record.recordId) ?? []) listener(record);
      }
    } catch (error) {
      log.warn({ err: error }, 'watch poll failed; will retry');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    subscribe(recordId, listener, signal) {
      const set = watchers.get(recordId) ?? new Set();
      set.add(listener);
      watchers.set(recordId, set);
      signal.addEventListener('abort', () => {
        set.delete(listener);
        if (set.size === 0) {
          watchers.delete(recordId);
          last.delete(recordId);
        }
      }, { once: true });
    },
    close: () => clearInterval(timer),
  };
}

export { isFinal };
