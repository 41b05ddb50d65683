import pg from 'pg';
import { startLoad } from '../harness/load-process.ts';
import { loadSnapshot } from '../harness/machine.ts';
import { num, table } from '../harness/markdown.ts';
import { withNode, type NodeSession } from '../harness/node-session.ts';
import type { NodeProcess } from '../harness/node-process.ts';
import { cpuMeter } from '../harness/proc-stats.ts';
import type { Scenario, ScenarioContext, ScenarioReport } from '../harness/scenario.ts';
import { describeCpu } from './describe-cpu.ts';

const WORKER_COUNTS = [1, 2, 4];
const BATCH_SIZE = 1_000;

interface Round {
  workers: number;
  records: number;
  confirmed: number;
  seconds: number;
  perS: number;
  /** Release → last broadcast: the workers' pace without the wait for the next block. */
  broadcastS: number;
  cpu: string;
}

/**
 * Reported (no target of issue 22): records/s confirmed on BSV with 1, 2 and 4 `worker` processes on one database.
 * Each round first queues its records through the node (no workers run yet), holds them
 * (next_attempt_at an hour ahead) while the workers start, then releases them all at once:
 * the rate is records / (release → last confirmation), from the database's clock, so worker
 * start-up is not counted and no worker gets a head start.
 */
export const scaling = (records: number): Scenario => (ctx) =>
  withNode(
    ctx,
    'scaling',
    { PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_BSV_DEVNET_BLOCK_MS: '1000', PUBLISHER_BSV_BATCH_SIZE: String(BATCH_SIZE) },
    async (s): Promise<ScenarioReport> => {
      const sql = new pg.Pool({ connectionString: s.databaseUrl, max: 2 });
      const before = loadSnapshot();
      try {
        // A first, unmeasured round splits the dev funding into the pool's outputs.
        ctx.say('scaling: warm-up round (funding pool split), 1 worker');
        await round(ctx, s, sql, 1, Math.min(records, 1_000));
        const rounds: Round[] = [];
        for (const k of WORKER_COUNTS) {
          ctx.say(`scaling: ${num(records)} records, ${k} worker${k > 1 ? 's' : ''}`);
          rounds.push(await round(ctx, s, sql, k, records));
        }
        const after = loadSnapshot();
        const base = rounds[0]?.perS ?? 0;
        const body = [
          `Node without inline workers (\`PUBLISHER_INLINE_WORKERS=false\`) and its BSV devnet (1 s blocks, ${num(BATCH_SIZE)} records per transaction, depth 1); \`worker\` processes on the same database; ${num(records)} records per round, released at once after the workers are up. The BSV devnet runs inside the node process, so every worker's broadcasts and status polls go through it.`,
          '',
          table(
            ['worker processes', 'records confirmed', 'seconds (release → last confirmed)', 'records/s confirmed', 'vs 1 worker', 'release → last broadcast', 'records/s broadcast'],
            rounds.map((r) => [
              String(r.workers),
              `${num(r.confirmed)} / ${num(r.records)}`,
              num(r.seconds, 1),
              `**${num(r.perS)}**`,
              base > 0 ? `${num(r.perS / base, 2)}×` : '—',
              `${num(r.broadcastS, 1)} s`,
              num(r.broadcastS > 0 ? r.records / r.broadcastS : 0),
            ]),
            ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
          ),
          '',
          'With 1 s blocks and a 1 s confirmation poll, each round ends with a confirmation tail of 1–2 s that no number of workers shortens; the broadcast columns leave it out.',
          '',
          ...rounds.map((r) => `- ${r.workers} worker${r.workers > 1 ? 's' : ''}: ${r.cpu}.`),
        ].join('\n');
        return {
          title: 'Scaling: worker processes on one database',
          target: 'Report records/s confirmed with 1, 2 and 4 worker processes on one database.',
          body,
          loads: [{ label: 'scaling (all rounds)', before, after }],
          summary: [['Scaling: records/s confirmed with 1, 2, 4 workers', rounds.map((r) => `${r.workers}: ${num(r.perS)}`).join(', '), '—', 'reported']],
          replaces: { titles: ['5. Scaling: worker', 'Scaling: worker'], summary: ['5. scaling:', 'Scaling: records/s'], loads: ['scaling ('] },
          findings: [`scaling: ${rounds.map((r) => `${r.workers} → ${num(r.perS)}/s`).join(', ')} (records/s confirmed, BSV).`],
        };
      } finally {
        await sql.end();
      }
    },
  );

async function round(ctx: ScenarioContext, s: NodeSession, sql: pg.Pool, workers: number, records: number): Promise<Round> {
  const since = (await sql.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
  const pushed = await startLoad('batch', { url: s.url, count: records, 'batch-size': 1_000, concurrency: 4, targets: 'bsv' }).result;
  await sql.query(`UPDATE publications SET next_attempt_at = now() + interval '1 hour' WHERE status = 'queued'`);
  const procs: NodeProcess[] = await Promise.all(Array.from({ length: workers }, () => s.startWorker()));
  try {
    const meter = cpuMeter({ node: [s.node.pid, ...procs.map((p) => p.pid)], postmaster: ctx.postgres.postmasterPid, load: process.pid });
    meter.start();
    const released = (
      await sql.query<{ now: Date }>(`WITH released AS (UPDATE publications SET next_attempt_at = now() WHERE status = 'queued' RETURNING 1) SELECT now() AS now, (SELECT count(*) FROM released) AS n`)
    ).rows[0]!.now;
    const deadline = Date.now() + Math.max(60_000, records * 20);
    let confirmed = 0;
    for (;;) {
      confirmed = (await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE status = 'confirmed' AND created_at >= $1", [since])).rows[0]!.n;
      if (confirmed >= pushed.acceptedTotal || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const cpu = meter.stop();
    const last = (await sql.query<{ at: Date | null }>("SELECT max(updated_at) AS at FROM publications WHERE status = 'confirmed' AND created_at >= $1", [since])).rows[0]!.at;
    const seconds = last ? (last.getTime() - released.getTime()) / 1_000 : 0;
    const lastBroadcast = (await sql.query<{ at: Date | null }>("SELECT max(broadcast_at) AS at FROM chain_txs WHERE chain = 'bsv' AND created_at >= $1 AND record_count > 0", [released])).rows[0]!.at;
    return {
      workers,
      records: pushed.acceptedTotal,
      confirmed,
      seconds,
      perS: seconds > 0 ? confirmed / seconds : 0,
      broadcastS: lastBroadcast ? (lastBroadcast.getTime() - released.getTime()) / 1_000 : 0,
      cpu: describeCpu(cpu, confirmed, 'confirmed record', { node: 'node + workers', load: false }),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}
