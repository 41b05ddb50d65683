import type { PoolClient } from 'pg';
import { PublisherError } from '../errors/index.ts';
import type { QuotaLimits } from './quota.ts';

export interface Metered {
  signer: string;
  sizeBytes: number;
  limits: QuotaLimits;
}

interface Counter {
  signer: string;
  window: 'minute' | 'day';
  start: Date;
  records: number;
  bytes: number;
}

/**
 * Fixed UTC windows (a minute for the rate limit, a day for quotas), counted in key_usage so that
 * every replica sees the same numbers. The counter rows are locked for the rest of the
 * transaction, so concurrent batches of one key queue behind each other instead of overspending.
 * Returns, per item in order, null (within limits, now counted) or the refusal.
 */
export async function enforceQuotas(client: PoolClient, items: readonly Metered[], now: Date): Promise<(PublisherError | null)[]> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const wanted = new Map<string, Counter>();
  for (const item of items) {
    if (item.limits.recordsPerMinute) wanted.set(`${item.signer}|minute`, { signer: item.signer, window: 'minute', start: minute, records: 0, bytes: 0 });
    if (item.limits.recordsPerDay || item.limits.bytesPerDay) wanted.set(`${item.signer}|day`, { signer: item.signer, window: 'day', start: day, records: 0, bytes: 0 });
  }
  if (wanted.size === 0) return items.map(() => null);
  const rows = [...wanted.values()];
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
  const verdicts = items.map((item) => {
    const perMinute = wanted.get(`${item.signer}|minute`);
    const perDay = wanted.get(`${item.signer}|day`);
    const { recordsPerMinute, recordsPerDay, bytesPerDay } = item.limits;
    if (perMinute && recordsPerMinute && perMinute.records + 1 > recordsPerMinute) {
      return refusal('RATE_LIMITED', `at most ${recordsPerMinute} records per minute for this key`, new Date(minute.getTime() + 60_000));
    }
    if (perDay && recordsPerDay && perDay.records + 1 > recordsPerDay) {
      return refusal('QUOTA_EXCEEDED', `at most ${recordsPerDay} records per day (UTC) for this key`, new Date(day.getTime() + 86_400_000));
    }
    if (perDay && bytesPerDay && perDay.bytes + item.sizeBytes > bytesPerDay) {
      return refusal('QUOTA_EXCEEDED', `at most ${bytesPerDay} bytes of intents per day (UTC) for this key`, new Date(day.getTime() + 86_400_000));
    }
    for (const counter of [perMinute, perDay]) {
      if (!counter) continue;
      counter.records += 1;
      counter.bytes += item.sizeBytes;
    }
    return null;
  });
  await client.query(
    `UPDATE key_usage k SET records = v.r, bytes = v.b
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::bigint[]) AS v(s, w, ws, r, b)
      WHERE k.signer = v.s AND k."window" = v.w AND k.window_start = v.ws`,
    [rows.map((r) => r.signer), rows.map((r) => r.window), rows.map((r) => r.start), rows.map((r) => r.records), rows.map((r) => r.bytes)],
  );
  return verdicts;
}

function refusal(reason: 'RATE_LIMITED' | 'QUOTA_EXCEEDED', limit: string, resetsAt: Date): PublisherError {
  return new PublisherError(reason, `${limit}; the window resets at ${resetsAt.toISOString()}`, { metadata: { retryAfter: resetsAt.toISOString() } });
}
