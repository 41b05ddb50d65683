import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import pg from 'pg';
import { checkpointSigner, devOrigin, generateLogKeyHex, logKeyFromSeedHex } from '../../core/audit/index.ts';
import { verifyLog } from '../../core/audit/verify-log.ts';
import { secp256k1Scheme } from '../../core/schemes/index.ts';
import { bsvCensus } from '../../test/support/bsv-census.ts';
import { startLoad } from '../harness/load-process.ts';
import { loadSnapshot, type LoadSnapshot } from '../harness/machine.ts';
import { num, table } from '../harness/markdown.ts';
import { withNode, type NodeSession } from '../harness/node-session.ts';
import { startDevnetProcess, startNodeProcess, type NodeProcess } from '../harness/node-process.ts';
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
 * start-up is not counted and no worker gets a head start. Then, in a database of its own, two
 * node replicas with two workers (`replicas` below), in a subsection of the same report section.
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
        ctx.say(`scaling: two node replicas and two workers, ${num(records)} records`);
        const two = await replicas(ctx, records);
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
          '',
          two.body,
        ].join('\n');
        return {
          title: 'Scaling: worker processes and two node replicas on one database',
          target: 'Report records/s confirmed with 1, 2 and 4 worker processes on one database; then two node replicas and two workers on one database, nothing lost or duplicated, the log consistent.',
          body,
          loads: [{ label: 'scaling (all rounds)', before, after }, { label: 'scaling (two replicas)', before: two.before, after: two.after }],
          summary: [
            ['Scaling: records/s confirmed with 1, 2, 4 workers', rounds.map((r) => `${r.workers}: ${num(r.perS)}`).join(', '), '—', 'reported'],
            ['Scaling: two node replicas + two workers, one database', two.summary, '—', two.ok ? 'reported (checks pass)' : '**checks FAILED**'],
          ],
          replaces: { titles: ['5. Scaling: worker', 'Scaling: worker'], summary: ['5. scaling:', 'Scaling: records/s'], loads: ['scaling ('] },
          findings: [`scaling: ${rounds.map((r) => `${r.workers} → ${num(r.perS)}/s`).join(', ')} (records/s confirmed, BSV).`, `scaling, two replicas: ${two.summary}.`],
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

interface ReplicaRun {
  body: string;
  summary: string;
  ok: boolean;
  before: LoadSnapshot;
  after: LoadSnapshot;
}

/**
 * Past one machine (issue 22 item 6): two `server/main.ts start` processes (replicas: inline
 * workers off, one database, one log key and origin, as test/log/two-nodes.test.ts runs them),
 * two `worker` processes, and the BSV devnet in its own process (as e2e-bsv), so that both
 * replicas and both workers publish to one chain. Two load processes push half the records each,
 * one to each replica, at the same time. Then: every accepted record stored once, published once
 * and confirmed once, on chain exactly once (a census of the devnet's blocks), nothing on chain
 * that the database does not hold, and the log gap-free with its latest checkpoint verifying
 * (core/audit verifyLog).
 */
async function replicas(ctx: ScenarioContext, records: number): Promise<ReplicaRun> {
  const dir = await mkdtemp(join(tmpdir(), 'publisher-bench-replicas-'));
  const fundingKey = Buffer.from(secp256k1Scheme.generatePrivateKey()).toString('hex');
  const devnet = await startDevnetProcess({ chain: 'bsv', dir, fundingAddress: PrivateKey.fromHex(fundingKey).toAddress([0x6f]), blockMs: 1_000 });
  const logKeyHex = generateLogKeyHex();
  const logKey = logKeyFromSeedHex(logKeyHex);
  const origin = devOrigin(logKey);
  const { arcUrl, wocUrl } = devnet.endpoints;
  try {
    return await withNode(
      ctx,
      'scaling-replicas',
      {
        PUBLISHER_CHAINS: 'bsv',
        PUBLISHER_INLINE_WORKERS: 'false',
        PUBLISHER_BSV_BATCH_SIZE: String(BATCH_SIZE),
        PUBLISHER_BSV_ARC_URL: arcUrl!,
        PUBLISHER_BSV_WOC_URL: wocUrl!,
        PUBLISHER_BSV_NETWORK: 'regtest',
        PUBLISHER_BSV_FUNDING_KEY: fundingKey,
        PUBLISHER_LOG_KEY: logKeyHex,
        PUBLISHER_LOG_ORIGIN: origin,
      },
      async (s): Promise<ReplicaRun> => {
        const second = await startNodeProcess({ ...s.env, PUBLISHER_DATA_DIR: join(dir, 'replica-b') });
        const sql = new pg.Pool({ connectionString: s.databaseUrl, max: 2 });
        const workers: NodeProcess[] = [];
        try {
          workers.push(...(await Promise.all([s.startWorker(), s.startWorker()])));
          const before = loadSnapshot();
          const groups = { 'replica A': [s.node.pid], 'replica B': [second.pid], workers: workers.map((w) => w.pid), devnet: [devnet.pid] };
          const meter = cpuMeter({ node: Object.values(groups).flat(), groups, postmaster: ctx.postgres.postmasterPid, load: process.pid });
          // The window opens when the first load starts sending (its intents are signed before that).
          let metering = false;
          const open = (mark: string) => {
            if (mark !== 'measure-start' || metering) return;
            metering = true;
            meter.start();
          };
          const half = Math.ceil(records / 2);
          // At least four calls per load, so that intake is a stream of groups, not one per replica.
          const perCall = Math.min(BATCH_SIZE, Math.ceil(half / 4));
          const loads = await Promise.all(
            [s.url, second.url!].map((url) => startLoad('batch', { url, count: half, 'batch-size': perCall, concurrency: 2, targets: 'bsv' }, open).result),
          );
          if (!metering) meter.start();
          const accepted = loads.reduce((n, l) => n + l.acceptedTotal, 0);
          const deadline = Date.now() + Math.max(90_000, records * 30);
          let confirmed = 0;
          for (;;) {
            confirmed = (await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE status = 'confirmed'")).rows[0]!.n;
            if (confirmed >= accepted || Date.now() > deadline) break;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
          const cpu = meter.stop();
          const after = loadSnapshot();
          await Promise.all(workers.map((w) => w.stop()));
          await second.stop();
          const t = (
            await sql.query<{ last_ok: Date | null; stored: number; distinct_ids: number; pubs: number; pub_distinct: number; conf: number }>(
              `SELECT (SELECT max(updated_at) FROM publications WHERE status = 'confirmed') AS last_ok,
                      (SELECT count(*)::int FROM records) AS stored, (SELECT count(DISTINCT record_id)::int FROM records) AS distinct_ids,
                      (SELECT count(*)::int FROM publications) AS pubs, (SELECT count(DISTINCT (record_id, chain))::int FROM publications) AS pub_distinct,
                      (SELECT count(*)::int FROM publications WHERE status = 'confirmed') AS conf`,
            )
          ).rows[0]!;
          // Intake: the loads' own clocks, first call sent → last answer (a group's rows share one accepted_at).
          const sendingFrom = Math.min(...loads.map((l) => l.sendingFrom));
          const intakeS = (Math.max(...loads.map((l) => l.lastDoneAt)) - sendingFrom) / 1_000;
          const confirmS = t.last_ok ? (t.last_ok.getTime() - sendingFrom) / 1_000 : 0;
          const storedIds = new Set((await sql.query<{ record_id: string }>('SELECT record_id FROM records')).rows.map((r) => r.record_id));
          const census = await bsvCensus(wocUrl!);
          const notOnce = [...storedIds].filter((id) => census.records.get(id) !== 1).length;
          const foreign = [...census.records.keys()].filter((id) => !storedIds.has(id)).length;
          const intakeEntries = (await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM log_entries WHERE kind = 'intent.accepted'")).rows[0]!.n;
          const log = await verifyLog(sql, checkpointSigner(logKey, origin));
          const checks: [string, boolean, string][] = [
            ['records accepted (both loads) = records stored, each once', accepted === t.stored && t.stored === t.distinct_ids, `${num(accepted)} accepted, ${num(t.stored)} stored, ${num(t.distinct_ids)} distinct`],
            ['one publication per record, each confirmed once', t.pubs === t.stored && t.pub_distinct === t.pubs && t.conf === t.stored, `${num(t.pubs)} publications, ${num(t.conf)} confirmed`],
            ['`intent.accepted` log entries = records', intakeEntries === t.stored, num(intakeEntries)],
            ['on chain (census of the devnet): every record exactly once, nothing else', notOnce === 0 && foreign === 0 && census.records.size === t.stored, `${num(census.records.size)} record outputs; ${notOnce} not exactly once, ${foreign} unknown`],
            ['log gap-free, every entry rehashed, latest checkpoint verifies (verifyLog)', log.intact, log.intact ? `${num(log.checked)} entries, checkpoint size ${num(log.size)}` : log.detail],
          ];
          const ok = checks.every(([, pass]) => pass);
          const intakePerS = intakeS > 0 ? t.stored / intakeS : 0;
          const confirmedPerS = confirmS > 0 ? t.conf / confirmS : 0;
          const perProcess = Object.entries(cpu.nodeParts ?? {}).map(([name, seconds]) => `${name} ${num(seconds, 1)} s (${num((seconds / cpu.wallS) * 100)}% of a core)`);
          const body = [
            '### Two node replicas, two workers, one database',
            '',
            `Two \`server/main.ts start\` processes (inline workers off) on one database with one log key and origin, two \`worker\` processes, the BSV devnet in its own process (1 s blocks, ${num(BATCH_SIZE)} records per transaction). Two load processes push ${num(half)} records each at the same time, one to each replica (PublishBatch ×${num(perCall)}, 2 in flight each). Intake: records accepted / (first call sent → last answer, over both loads); confirmed: records confirmed / (first call sent → last confirmation, \`publications.updated_at\`), which includes the wait for the last block.`,
            '',
            table(
              ['records accepted', 'intake records/s', 'confirmed', 'confirmed records/s', 'seconds (first call → last confirmed)'],
              [[num(accepted), `**${num(intakePerS)}**`, `${num(t.conf)} / ${num(accepted)}`, `**${num(confirmedPerS)}**`, num(confirmS, 1)]],
              ['r', 'r', 'r', 'r', 'r'],
            ),
            '',
            `CPU over the ${num(cpu.wallS, 1)} s from the first push to the last confirmation: ${perProcess.join(', ')}, PostgreSQL ${cpu.postgresS === undefined ? 'not measured' : `${num(cpu.postgresS, 1)} s`}. Node-side (replicas + workers + PostgreSQL, devnet left out) per confirmed record: ${t.conf > 0 ? `${num((((cpu.nodeS - (cpu.nodeParts?.['devnet'] ?? 0)) + (cpu.postgresS ?? 0)) / t.conf) * 1e6)} µs` : '—'}.`,
            '',
            table(
              ['check after the run', 'result', ''],
              checks.map(([what, pass, detail]) => [what, pass ? 'pass' : '**FAIL**', detail]),
              ['l', 'l', 'l'],
            ),
          ].join('\n');
          return {
            body,
            ok,
            summary: `intake ${num(intakePerS)}/s, confirmed ${num(confirmedPerS)}/s, ${num(t.conf)} / ${num(accepted)} confirmed; ${ok ? 'nothing lost or duplicated, log intact' : 'a check FAILED'}`,
            before,
            after,
          };
        } finally {
          await Promise.all(workers.map((w) => w.stop()));
          await second.stop();
          await sql.end();
        }
      },
    );
  } finally {
    await devnet.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
