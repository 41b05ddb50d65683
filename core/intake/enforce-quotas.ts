import type { PoolClient } from 'pg';
import { PublisherError } from '../errors/index.ts';
import type { QuotaLimits } from './quota.ts';

export interface Metered {
  signer: string;
  sizeBytes: number;
  limits: QuotaLimits;
}

/** A transaction's view of its keys' counters, locked until it ends. */
export interface KeyUsage {
  /** The rate limit: counts the intent in its key's minute, or refuses it (RATE_LIMITED). */
  admit(item: Metered): PublisherError | null;
  /** The daily quotas: counts the intent's record and bytes in its key's day, or refuses it (QUOTA_EXCEEDED). */
  charge(item: Metered): PublisherError | null;
  /** Writes the counters that changed, in one statement. */
  save(): Promise<void>;
}

interface Counter {
  signer: string;
  window: 'minute' | 'day';
  start: Date;
  records: number;
  bytes: number;
}

const unmetered: KeyUsage = { admit: () => null, charge: () => null, save: async () => {} };

/**
 * Fixed UTC windows (a minute for the rate limit, a day for quotas), counted in key_usage so that
 * every replica sees the same numbers. The counter rows of `items`' keys are locked, in one fixed
 * order, for the rest of the transaction, so concurrent batches of one key queue behind each
 * other instead of overspending, and two batches never lock them in opposite orders. No query
 * when no item has a limit. The rate limit counts every intent its key sends that reaches it
 * (refused later or not, duplicates excepted); the quotas count stored records only.
 */
export async function lockKeyUsage(client: PoolClient, items: readonly Metered[], now: Date): Promise<KeyUsage> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const wanted = new Map<string, Counter>();
  for (const item of items) {
    if (item.limits.recordsPerMinute) wanted.set(`${item.signer}|minute`, { signer: item.signer, window: 'minute', start: minute, records: 0, bytes: 0 });
    if (item.limits.recordsPerDay || item.limits.bytesPerDay) wanted.set(`${item.signer}|day`, { signer: item.signer, window: 'day', start: day, records: 0, bytes: 0 });
  }
  if (wanted.size === 0) return unmetered;
  const rows = [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, counter]) => counter);
  const locked = await client.query<{ signer: string; window: string; records: number; bytes: string }>(
    `INSERT INTO key_usage (signer, "window", window_start, records, bytes)
     SELECT s, w, ws, 0, 0 FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(s, w, ws)
     ON CONFLICT (signer, "window", window_start) DO UPDATE SET records = key_usage.records
     RETURNING signer, "window", records, bytes`,
    [rows.map((r) => r.signer), rows.map((r) => r.window), rows.map((r) => r.start)],
  );
  for (const row of locked.rows) {
    const counter = wanted.get(`${row.signer}|${row.window}`)!;
    counter.records = row.records;
    counter.bytes = Number(row.bytes);
  }
  const changed = new Set<Counter>();
  const count = (counter: Counter, sizeBytes: number) => {
    counter.records += 1;
    counter.bytes += sizeBytes;
    changed.add(counter);
  };
  return {
    admit({ signer, sizeBytes, limits: { recordsPerMinute } }) {
      const perMinute = wanted.get(`${signer}|minute`);
      if (!perMinute || !recordsPerMinute) return null;
      if (perMinute.records + 1 > recordsPerMinute) return refusal('RATE_LIMITED', `at most ${recordsPerMinute} intents per minute for this key`, new Date(minute.getTime() + 60_000));
      count(perMinute, sizeBytes);
      return null;
    },
    charge({ signer, sizeBytes, limits: { recordsPerDay, bytesPerDay } }) {
      const perDay = wanted.get(`${signer}|day`);
      if (!perDay) return null;
      if (recordsPerDay && perDay.records + 1 > recordsPerDay) {
        return refusal('QUOTA_EXCEEDED', `at most ${recordsPerDay} records per day (UTC) for this key`, new Date(day.getTime() + 86_400_000));
      }
      if (bytesPerDay && perDay.bytes + sizeBytes > bytesPerDay) {
        return refusal('QUOTA_EXCEEDED', `at most ${bytesPerDay} bytes of intents per day (UTC) for this key`, new Date(day.getTime() + 86_400_000));
      }
      count(perDay, sizeBytes);
      return null;
    },
    async save() {
      if (changed.size === 0) return;
      const counters = [...changed];
      await client.query(
        `UPDATE key_usage k SET records = v.r, bytes = v.b
           FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::bigint[]) AS v(s, w, ws, r, b)
          WHERE k.signer = v.s AND k."window" = v.w AND k.window_start = v.ws`,
        [counters.map((r) => r.signer), counters.map((r) => r.window), counters.map((r) => r.start), counters.map((r) => r.records), counters.map((r) => r.bytes)],
      );
    },
  };
}

function refusal(reason: 'RATE_LIMITED' | 'QUOTA_EXCEEDED', limit: string, resetsAt: Date): PublisherError {
  return new PublisherError(reason, `${limit}; the window resets at ${resetsAt.toISOString()}`, { metadata: { retryAfter: resetsAt.toISOString() } });
}
