import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';

/** What the health monitor last found of each chain (server/health-monitor.ts), read at each scrape. */
export interface ChainStates {
  chains: Record<string, { reachable: boolean; fundingLow: boolean }>;
}

/** The PostgreSQL application_name of every process that runs publication workers (node or `publisher worker`). */
export const WORKER_APPLICATION_PREFIX = 'publisher-workers/';

/** Chain transactions not yet final, and the time each status is counted from. */
const OPEN_TX_SINCE: Record<string, string> = { signed: 'created_at', broadcast: 'coalesce(broadcast_at, created_at)', mined: 'coalesce(mined_at, broadcast_at, created_at)' };

export interface OperationsMetrics {
  /** Failed probes of the database by the health monitor (each `server.healthIntervalMs`). */
  databaseFailures: Counter;
  /** Reports the chains' health, read at each scrape. */
  watchChains(read: () => ChainStates): void;
}

/**
 * The figures the alert rules (deploy/prometheus/alerts.yml) need beyond the intake counters:
 * worker processes connected to the database, the age of the oldest chain transaction in each
 * open status, each chain's reachability and funding alarm, and database probe failures.
 */
export function registerOperationsMetrics(registry: Registry, pool: Pool): OperationsMetrics {
  const databaseFailures = new Counter({
    name: 'publisher_database_failures_total',
    help: 'Health probes of the database (SELECT 1, every server.healthIntervalMs) that failed or did not answer in 3 s',
    registers: [registry],
  });
  new Gauge({
    name: 'publisher_worker_processes',
    help: 'Processes running publication workers (nodes with inline workers and `publisher worker` processes) with a session on the database',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)',
        [WORKER_APPLICATION_PREFIX],
      );
      this.set(rows[0]?.n ?? 0);
    },
  });
  new Gauge({
    name: 'publisher_chain_tx_oldest_seconds',
    help: 'Age of the oldest chain transaction in each open status, by chain: signed (since signing), broadcast (since its first broadcast, not yet mined), mined (since mined, not yet at its confirmation depth)',
    labelNames: ['chain', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const parts = Object.entries(OPEN_TX_SINCE).map(
        ([status, since]) => `SELECT chain, status, extract(epoch FROM now() - min(${since}))::float8 AS age FROM chain_txs WHERE status = '${status}' GROUP BY chain, status`,
      );
      const { rows } = await pool.query<{ chain: string; status: string; age: number }>(parts.join(' UNION ALL '));
      for (const r of rows) this.set({ chain: r.chain, status: r.status }, Math.max(0, r.age));
    },
  });
  let chains: () => ChainStates = () => ({ chains: {} });
  new Gauge({
    name: 'publisher_chain_reachable',
    help: "1 when the chain's last health probe succeeded, else 0",
    labelNames: ['chain'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [chain, state] of Object.entries(chains().chains)) this.set({ chain }, state.reachable ? 1 : 0);
    },
  });
  new Gauge({
    name: 'publisher_chain_funding_low',
    help: "1 when the chain's spendable funding is below its alarm (chains.<chain>.fundingAlarm*), else 0",
    labelNames: ['chain'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [chain, state] of Object.entries(chains().chains)) this.set({ chain }, state.fundingLow ? 1 : 0);
    },
  });
  return {
    databaseFailures,
    watchChains: (read) => {
      chains = read;
    },
  };
}

/** This process's application_name: `publisher-workers/<host>/<pid>` when it runs workers, else `publisher-node/…` (PostgreSQL keeps 63 bytes). */
export function processApplicationName(runsWorkers: boolean, host: string, pid: number): string {
  return `${runsWorkers ? WORKER_APPLICATION_PREFIX : 'publisher-node/'}${host.slice(0, 40)}/${pid}`;
}
