import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { reservedAmount, utxoTotals } from '../../core/funding/index.ts';
import type { FundingModel } from '../../core/plugin/index.ts';
import { registerOperationsMetrics, type OperationsMetrics } from './operations-gauges.ts';

/** One enabled chain's funding, as the funding gauges report it. */
export interface ChainFunding {
  chain: string;
  model: FundingModel;
  unit: string;
  /** The node anchors the log's checkpoints on this chain (ChainAdapter.checkpoints, and an anchor interval). */
  anchorsLog?: boolean;
}

/** Everything the node exports on /metrics, in a registry of its own (one per node instance). */
export interface NodeMetrics {
  registry: Registry;
  intents: Counter<'outcome' | 'reason'>;
  /** Refusals of a known key left out of the audit log: its key had spent the minute's budget. */
  unauditedRefusals: Counter<'reason'>;
  batchRecords: Histogram<'chain'>;
  broadcastSeconds: Histogram<'chain' | 'outcome'>;
  /** Intake's group commit: intents per transaction, and seconds per group (verification to commit). */
  intakeGroupIntents: Histogram;
  intakeGroupSeconds: Histogram;
  /** Calls refused and connections cut for breaking a limit (server/config/server-limits.ts), by limit. */
  limitRefusals: Counter<'limit'>;
  /** Reports the request body bytes held by calls in progress, read at each scrape. */
  watchBodyBytesInFlight(read: () => number): void;
  /** Worker processes, open chain transactions, chain health, database probe failures (operations-gauges.ts). */
  operations: OperationsMetrics;
}

/**
 * Counters and histograms are updated where things happen; database-backed gauges (publications
 * by status, funding, audit head) are read when Prometheus scrapes, so every replica reports the
 * shared truth rather than its own share of it.
 */
export function createNodeMetrics(pool: Pool, funding: readonly ChainFunding[]): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'publisher_' });
  const intents = new Counter({
    name: 'publisher_intents_total',
    help: 'Signed intents answered, by outcome (accepted, duplicate, refused) and refusal reason',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const unauditedRefusals = new Counter({
    name: 'publisher_refusals_unaudited_total',
    help: 'Refusals of a registered key not written to the audit log, its key having spent intent.auditedRefusalsPerMinute, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const batchRecords = new Histogram({
    name: 'publisher_batch_records',
    help: 'Records per signed chain transaction',
    labelNames: ['chain'] as const,
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [registry],
  });
  const broadcastSeconds = new Histogram({
    name: 'publisher_broadcast_seconds',
    help: 'Time to broadcast one transaction, by chain and outcome',
    labelNames: ['chain', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const intakeGroupIntents = new Histogram({
    name: 'publisher_intake_group_intents',
    help: 'Intents per intake transaction (concurrent Publish and PublishBatch calls committed together)',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    registers: [registry],
  });
  const intakeGroupSeconds = new Histogram({
    name: 'publisher_intake_group_seconds',
    help: 'Time of one intake group, from verifying its envelopes to its commit',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const limitRefusals = new Counter({
    name: 'publisher_limit_refusals_total',
    help: 'Calls refused and connections cut for breaking a limit (admin_token, peer_rate, too_large, body_budget, body_timeout, connections, connections_per_peer, sniff_timeout, http2_idle, http2_resets, response_stall)',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  let bodyBytes: () => number = () => 0;
  new Gauge({
    name: 'publisher_request_body_bytes_in_flight',
    help: 'Request body bytes held by calls in progress (bounded by server.limits.bodyBytesInFlight)',
    registers: [registry],
    collect() {
      this.set(bodyBytes());
    },
  });
  new Gauge({
    name: 'publisher_publications',
    help: 'Publications by chain and status',
    labelNames: ['chain', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await pool.query<{ chain: string; status: string; n: number }>('SELECT chain, status, count(*)::int AS n FROM publications GROUP BY chain, status');
      for (const r of rows) this.set({ chain: r.chain, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'publisher_funding_amount',
    help: "Funding in the chain's unit, by chain and status: UTXO chains available, reserved, pending_change, spent; account chains reserved",
    labelNames: ['chain', 'unit', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of funding) {
        if (c.model === 'utxo') for (const t of await utxoTotals(pool, c.chain)) this.set({ chain: c.chain, unit: c.unit, status: t.status }, Number(t.amount));
        if (c.model === 'account') this.set({ chain: c.chain, unit: c.unit, status: 'reserved' }, Number(await reservedAmount(pool, c.chain)));
      }
    },
  });
  new Gauge({
    name: 'publisher_funding_outputs',
    help: 'Outputs in the funding pool of each UTXO chain, by status (available, reserved, pending_change, spent)',
    labelNames: ['chain', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of funding) if (c.model === 'utxo') for (const t of await utxoTotals(pool, c.chain)) this.set({ chain: c.chain, status: t.status }, t.outputs);
    },
  });
  new Gauge({
    name: 'publisher_log_size',
    help: 'Entries in the transparency log: the size of its latest signed checkpoint',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ size: string | null }>('SELECT max(size)::text AS size FROM log_checkpoints');
      this.set(Number(rows[0]?.size ?? 0));
    },
  });
  const anchoring = funding.filter((c) => c.anchorsLog === true).map((c) => c.chain);
  new Gauge({
    name: 'publisher_log_anchored_size',
    help: 'Size of the largest log checkpoint confirmed on each chain that anchors the log (transparency-log.md §5); 0 before the first',
    labelNames: ['chain'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (anchoring.length === 0) return;
      const { rows } = await pool.query<{ chain: string; size: string }>(
        "SELECT chain, max(tree_size)::text AS size FROM log_anchors WHERE status = 'confirmed' AND chain = ANY($1::text[]) GROUP BY chain",
        [anchoring],
      );
      const sizes = new Map(rows.map((r) => [r.chain, Number(r.size)]));
      for (const chain of anchoring) this.set({ chain }, sizes.get(chain) ?? 0);
    },
  });
  const operations = registerOperationsMetrics(registry, pool);
  return {
    registry,
    operations,
    intents,
    unauditedRefusals,
    batchRecords,
    broadcastSeconds,
    intakeGroupIntents,
    intakeGroupSeconds,
    limitRefusals,
    watchBodyBytesInFlight: (read) => {
      bodyBytes = read;
    },
  };
}
