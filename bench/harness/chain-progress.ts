import pg from 'pg';
import { summarise, type LatencySummary } from '../lib/latency.ts';

/** Confirmed publications of one chain, now. */
export async function confirmedCount(pool: pg.Pool, chain: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE chain = $1 AND status = 'confirmed'", [chain]);
  return rows[0]!.n;
}

export interface ChainOutcome {
  publications: number;
  confirmed: number;
  /** Seconds from the first acceptance (publications.created_at) to the last confirmation (its updated_at). */
  spanS: number;
  /** confirmed / spanS. */
  confirmedPerS: number;
  /** publications.created_at → chain_txs.broadcast_at of its transaction, ms (a rebroadcast moves broadcast_at later: pessimistic). */
  acceptToBroadcastMs: LatencySummary;
  acceptToConfirmedMs: LatencySummary;
  transactions: number;
  recordsPerTx: { mean: number; max: number };
  /** Seconds from the first acceptance to the last broadcast: the pipeline's pace without the confirmation tail. */
  lastBroadcastS: number;
  /** Each transaction's records and when it was signed, broadcast and confirmed, in seconds since the first acceptance. */
  timeline: { records: number; signedS: number; broadcastS: number | null; confirmedS: number | null }[];
}

/**
 * Everything the end-to-end numbers come from, read from the database after the run: the node
 * stamps acceptance, broadcast and confirmation there, so no clock of ours is involved.
 */
export async function chainOutcome(pool: pg.Pool, chain: string, since: Date = new Date(0)): Promise<ChainOutcome> {
  const { rows } = await pool.query<{ status: string; created: number; updated: number; broadcast: number | null }>(
    `SELECT p.status, extract(epoch FROM p.created_at)::float8 * 1000 AS created, extract(epoch FROM p.updated_at)::float8 * 1000 AS updated,
            extract(epoch FROM t.broadcast_at)::float8 * 1000 AS broadcast
       FROM publications p LEFT JOIN chain_txs t ON t.id = p.chain_tx_id
      WHERE p.chain = $1 AND p.created_at >= $2`,
    [chain, since],
  );
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const firstAccept = Math.min(...rows.map((r) => r.created));
  const lastConfirmed = Math.max(...confirmed.map((r) => r.updated));
  const spanS = confirmed.length > 0 ? (lastConfirmed - firstAccept) / 1_000 : 0;
  const txs = await pool.query<{ n: number; mean: number | null; max: number | null }>(
    // Transactions without records are the funding pool's own (splitting outputs): not batches.
    'SELECT count(*)::int AS n, avg(record_count)::float8 AS mean, max(record_count)::int AS max FROM chain_txs WHERE chain = $1 AND created_at >= $2 AND record_count > 0',
    [chain, since],
  );
  const steps = await pool.query<{ records: number; signed: number; broadcast: number | null; confirmed: number | null }>(
    `SELECT record_count AS records, extract(epoch FROM created_at)::float8 * 1000 AS signed, extract(epoch FROM broadcast_at)::float8 * 1000 AS broadcast,
            CASE WHEN status = 'confirmed' THEN extract(epoch FROM updated_at)::float8 * 1000 END AS confirmed
       FROM chain_txs WHERE chain = $1 AND created_at >= $2 AND record_count > 0 ORDER BY created_at`,
    [chain, since],
  );
  const sinceFirst = (at: number | null) => (at === null ? null : (at - firstAccept) / 1_000);
  const timeline = steps.rows.map((r) => ({ records: r.records, signedS: sinceFirst(r.signed)!, broadcastS: sinceFirst(r.broadcast), confirmedS: sinceFirst(r.confirmed) }));
  const lastBroadcast = Math.max(...steps.rows.map((r) => r.broadcast ?? Number.NEGATIVE_INFINITY));
  return {
    publications: rows.length,
    confirmed: confirmed.length,
    spanS,
    confirmedPerS: spanS > 0 ? confirmed.length / spanS : 0,
    acceptToBroadcastMs: summarise(rows.filter((r) => r.broadcast !== null).map((r) => r.broadcast! - r.created)),
    acceptToConfirmedMs: summarise(confirmed.map((r) => r.updated - r.created)),
    transactions: txs.rows[0]!.n,
    recordsPerTx: { mean: txs.rows[0]!.mean ?? 0, max: txs.rows[0]!.max ?? 0 },
    lastBroadcastS: Number.isFinite(lastBroadcast) ? (lastBroadcast - firstAccept) / 1_000 : 0,
    timeline,
  };
}

/**
 * Polls the confirmed count until `expected` are confirmed or `timeoutMs` passes; returns the
 * time series, whose best 5-second slope is the sustained rate.
 */
export async function followConfirmations(pool: pg.Pool, chain: string, expected: number, timeoutMs: number, everyMs = 500): Promise<{ t: number; n: number }[]> {
  const series: { t: number; n: number }[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await confirmedCount(pool, chain);
    series.push({ t: Date.now(), n });
    if (n >= expected || Date.now() > deadline) return series;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The highest rate over any window of at least `windowMs` in a polled series. */
export function peakRate(series: readonly { t: number; n: number }[], windowMs = 5_000): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < series.length; i++) {
    while (j < i && series[i]!.t - series[j + 1]!.t >= windowMs) j++;
    const dt = series[i]!.t - series[j]!.t;
    if (dt >= windowMs) best = Math.max(best, ((series[i]!.n - series[j]!.n) * 1_000) / dt);
  }
  return best;
}
