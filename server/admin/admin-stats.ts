import type { Pool } from 'pg';
import type { Counter } from 'prom-client';
import type { ChainRuntime } from '../chains/chain-runtime.ts';
import type { NodeHealth } from '../health-monitor.ts';
import { WORKER_APPLICATION_PREFIX } from '../metrics/operations-gauges.ts';
import { chainBalances } from '../rpc/services/funding-service.ts';
import { readDatabaseHistory } from './admin-history.ts';
import type { AdminStats } from './admin-stats-shape.ts';
import type { MinuteSeries } from './minute-series.ts';

export type { AdminStats } from './admin-stats-shape.ts';


export interface AdminStatsDeps {
  pool: Pool;
  chains: ReadonlyMap<string, ChainRuntime>;
  health: () => NodeHealth;
  inlineWorkers: boolean;
  intents: Counter<'outcome' | 'reason'>;
  limitRefusals: Counter<'limit'>;
  counterHistory: MinuteSeries;
}

/** Sums a counter's samples by one label (every sample when `by` is undefined). */
export async function counterTotals(counter: Counter<string>, by?: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const { labels, value } of (await counter.get()).values) {
    const key = by === undefined ? '' : String(labels[by] ?? '');
    totals[key] = (totals[key] ?? 0) + value;
  }
  return totals;
}

/** Replays (the same envelope again, or its nonce under another envelope) and all refusals, for the minute history. */
export async function replayCounters(intents: Counter<'outcome' | 'reason'>): Promise<Record<string, number>> {
  let replays = 0;
  let refusals = 0;
  for (const { labels, value } of (await intents.get()).values) {
    if (labels.outcome === 'duplicate' || labels.reason === 'NONCE_REUSED') replays += value;
    if (labels.outcome === 'refused') refusals += value;
  }
  return { replays, refusals };
}

export async function collectAdminStats(deps: AdminStatsDeps): Promise<AdminStats> {
  const [workers, publications, balances, history, outcomes, reasons, limits] = await Promise.all([
    deps.pool.query<{ n: number }>('SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)', [WORKER_APPLICATION_PREFIX]),
    deps.pool.query<{ chain: string; status: string; n: number }>('SELECT chain, status, count(*)::int AS n FROM publications GROUP BY chain, status'),
    chainBalances(deps.pool, deps.chains),
    readDatabaseHistory(deps.pool),
    counterTotals(deps.intents, 'outcome'),
    counterTotals(deps.intents, 'reason'),
    counterTotals(deps.limitRefusals),
  ]);
  const health = deps.health();
  const minutes = deps.counterHistory.read();
  const byMinute = new Map(minutes.map((m) => [m.minute, m.values]));
  delete reasons[''];
  return {
    at: new Date().toISOString(),
    database: health.database,
    workers: { processes: workers.rows[0]?.n ?? 0, inline: deps.inlineWorkers },
    chains: [...deps.chains.keys()].map((chain) => {
      const balance = balances.find((b) => b.chain === chain);
      const counts: Record<string, number> = { queued: 0, submitted: 0, confirmed: 0, failed: 0 };
      for (const r of publications.rows) if (r.chain === chain) counts[r.status] = r.n;
      return {
        chain,
        reachable: health.chains[chain]?.reachable ?? false,
        fundingLow: health.chains[chain]?.fundingLow ?? false,
        unit: deps.chains.get(chain)?.unit ?? '',
        funding: { available: balance?.available ?? '0', reserved: balance?.reserved ?? '0', spent: balance?.spent ?? '0' },
        publications: counts,
      };
    }),
    intents: { accepted: outcomes['accepted'] ?? 0, duplicate: outcomes['duplicate'] ?? 0, refused: outcomes['refused'] ?? 0, refusedByReason: reasons },
    limitRefusals: limits[''] ?? 0,
    history: {
      ...history,
      // The database's minutes are the axis; the process's own minutes are placed on it.
      replays: history.minutes.map((m) => byMinute.get(m)?.['replays'] ?? 0),
      refusals: history.minutes.map((m) => byMinute.get(m)?.['refusals'] ?? 0),
    },
  };
}
