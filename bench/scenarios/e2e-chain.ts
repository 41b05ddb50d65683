import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import pg from 'pg';
import { secp256k1Scheme } from '../../core/schemes/index.ts';
import { addressOf, generateWalletJson } from '../../adapters/arweave/dev-wallet.ts';
import { chainOutcome, confirmedCount, peakRate } from '../harness/chain-progress.ts';
import { startLoad } from '../harness/load-process.ts';
import { loadSnapshot } from '../harness/machine.ts';
import { ms, num, table, verdict } from '../harness/markdown.ts';
import { startDevnetProcess, type DevnetProcess } from '../harness/node-process.ts';
import { withNode } from '../harness/node-session.ts';
import { cpuMeter, rssMiB, type CpuSplit } from '../harness/proc-stats.ts';
import type { ScenarioContext, ScenarioReport } from '../harness/scenario.ts';
import type { BatchLoadResult } from '../lib/load-result.ts';
import { describeCpu } from './describe-cpu.ts';
import { cpuPer, describeCpuPer, inI, NOT_MEASURED } from './ratios.ts';

export interface E2eSpec {
  label: string;
  chain: 'bsv' | 'arweave';
  env: Record<string, string>;
  records: number;
  /**
   * Target 4's limit on node-side CPU (node + workers + PostgreSQL, devnet excluded) per confirmed
   * record: a factor of target 1's CPU per intent at batches of 1,000 in the same run (BSV), or µs (Arweave).
   */
  cpuLimit: { ofBatchIntake: number } | { us: number };
  /** Report node-side capacity (cores / node-side CPU per record) beside the end-to-end rate. */
  capacity?: boolean;
  title: string;
  target: string;
  /** A line on how the chain was set up, for the report. */
  setup: string;
  /** `worker` processes to start (the node's inline workers are off); 0 or absent: inline workers. */
  workers?: number;
  /** Run the devnet in its own process (bench/devnet-process.ts) instead of inside the node. */
  devnetProcess?: { blockMs: number };
}

const BROADCAST_P99_TARGET_MS = 2_000;
const PUSH = { batchSize: 1_000, concurrency: 4 };

/**
 * Target 4 (issue 22): the whole way, node, worker processes and devnet: push N records with
 * PublishBatch from a load process as fast as the node takes them, then wait until all are
 * confirmed. Node-side CPU per confirmed record against its limit; rates (information) and
 * latencies from the database's own timestamps.
 */
export function e2eScenario(spec: E2eSpec): (ctx: ScenarioContext) => Promise<ScenarioReport> {
  return async (ctx) => {
    const devnet = spec.devnetProcess ? await startDevnet(spec.chain, spec.devnetProcess.blockMs) : undefined;
    try {
      return await measure(ctx, spec, devnet);
    } finally {
      await devnet?.stop();
    }
  };
}

async function startDevnet(chain: 'bsv' | 'arweave', blockMs: number): Promise<DevnetProcess & { env: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), `publisher-bench-${chain}-devnet-`));
  let devnet: DevnetProcess;
  let env: Record<string, string>;
  if (chain === 'bsv') {
    const fundingKey = Buffer.from(secp256k1Scheme.generatePrivateKey()).toString('hex');
    devnet = await startDevnetProcess({ chain, dir, fundingAddress: PrivateKey.fromHex(fundingKey).toAddress([0x6f]), blockMs });
    const { arcUrl, wocUrl } = devnet.endpoints;
    env = { PUBLISHER_BSV_ARC_URL: arcUrl!, PUBLISHER_BSV_WOC_URL: wocUrl!, PUBLISHER_BSV_NETWORK: 'regtest', PUBLISHER_BSV_FUNDING_KEY: fundingKey };
  } else {
    const wallet = generateWalletJson();
    devnet = await startDevnetProcess({ chain, dir, fundingAddress: addressOf(JSON.parse(wallet) as JWKInterface), blockMs });
    env = { PUBLISHER_ARWEAVE_GATEWAY: devnet.endpoints['gatewayUrl']!, PUBLISHER_ARWEAVE_NETWORK: 'devnet', PUBLISHER_ARWEAVE_WALLET: wallet };
  }
  return {
    ...devnet,
    env,
    async stop() {
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function measure(ctx: ScenarioContext, spec: E2eSpec, devnet: (DevnetProcess & { env: Record<string, string> }) | undefined): Promise<ScenarioReport> {
  return withNode(ctx, spec.label, { PUBLISHER_INLINE_WORKERS: spec.workers ? 'false' : 'true', ...spec.env, ...devnet?.env }, async (s): Promise<ScenarioReport> => {
      const sql = new pg.Pool({ connectionString: s.databaseUrl, max: 2 });
      const workers = await Promise.all(Array.from({ length: spec.workers ?? 0 }, () => s.startWorker()));
      try {
        const before = loadSnapshot();
        const rssBefore = rssMiB(s.node.pid) ?? 0;
        ctx.say(`${spec.label}: pushing ${num(spec.records)} records`);
        let meter: ReturnType<typeof cpuMeter> | undefined;
        const load = startLoad('batch', { url: s.url, count: spec.records, 'batch-size': PUSH.batchSize, concurrency: PUSH.concurrency, targets: spec.chain }, (mark) => {
          if (mark === 'measure-start') {
            const groups = { node: [s.node.pid], ...(workers.length > 0 && { workers: workers.map((w) => w.pid) }), ...(devnet && { devnet: [devnet.pid] }) };
            meter = cpuMeter({ node: Object.values(groups).flat(), groups, postmaster: ctx.postgres.postmasterPid, load: load.pid });
            meter.start();
          }
        });
        // Poll the confirmed count while pushing, then until all are confirmed or the wait runs out.
        const series: { t: number; n: number }[] = [];
        let pushed: BatchLoadResult | undefined;
        let pushFailed: unknown;
        void load.result.then(
          (r) => (pushed = r),
          (error: unknown) => (pushFailed = error ?? new Error('the load failed')),
        );
        const waitAfterPushMs = Math.max(60_000, spec.records * 30);
        let deadline = Number.POSITIVE_INFINITY;
        for (;;) {
          if (pushFailed) throw pushFailed;
          const n = await confirmedCount(sql, spec.chain);
          series.push({ t: Date.now(), n });
          meter?.poll();
          if (pushed) {
            if (deadline === Number.POSITIVE_INFINITY) deadline = Date.now() + waitAfterPushMs;
            if (n >= pushed.acceptedTotal || Date.now() > deadline) break;
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        const cpu: CpuSplit | undefined = meter?.stop();
        const after = loadSnapshot();
        const rssAfter = rssMiB(s.node.pid) ?? 0;
        const push: BatchLoadResult = pushed!;
        const outcome = await chainOutcome(sql, spec.chain);
        const intakeS = (push.lastDoneAt - push.sendingFrom) / 1_000;
        const peak = series.length > 1 && series.at(-1)!.t - series[0]!.t >= 5_000 ? num(peakRate(series)) : 'n/a, shorter than 5 s';
        const complete = outcome.confirmed === push.acceptedTotal;
        // When records stay unconfirmed, the node's own warnings say why; the report quotes a few.
        const tails = [s.node.tail, ...workers.map((w) => w.tail)];
        const warnings = tails.flat().filter((line) => /"level":(40|50|60)/.test(line));
        const metBroadcast = outcome.acceptToBroadcastMs.count > 0 && outcome.acceptToBroadcastMs.p99 < BROADCAST_P99_TARGET_MS;
        const cpuVerdict = judgeCpu(ctx, spec, cpu, outcome.confirmed);
        const refused = Object.entries({ ...push.errors, ...push.refused }).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
        const body = [
          spec.setup,
          '',
          table(
            ['measure', 'value', 'target'],
            [
              ['records pushed / accepted', `${num(spec.records)} / ${num(push.acceptedTotal)} (refused or failed: ${refused})`, ''],
              ['intake while pushing', `${num(intakeS > 0 ? push.acceptedTotal / intakeS : 0)} records/s`, ''],
              ['confirmed', `${num(outcome.confirmed)} of ${num(outcome.publications)} in ${num(outcome.spanS, 1)} s (first acceptance → last confirmation)`, ''],
              ['**node-side CPU per confirmed record** (node + workers + PostgreSQL, devnet excluded)', cpuVerdict.measured, `${cpuVerdict.limit}: ${cpuVerdict.verdict}`],
              ['records/s confirmed (information)', `${num(outcome.confirmedPerS)} (best 5 s: ${peak})`, ''],
              ...(cpuVerdict.capacity ? [['node-side capacity (information: cores / node-side CPU per record)', cpuVerdict.capacity, '']] : []),
              ['accept → broadcast', `p50 ${ms(outcome.acceptToBroadcastMs.p50)} ms, p95 ${ms(outcome.acceptToBroadcastMs.p95)} ms, **p99 ${ms(outcome.acceptToBroadcastMs.p99)} ms**`, `p99 < 2 s: ${verdict(metBroadcast)}`],
              ['accept → confirmed', `p50 ${ms(outcome.acceptToConfirmedMs.p50)} ms, p99 ${ms(outcome.acceptToConfirmedMs.p99)} ms`, ''],
              ['transactions (batches; the funding pool’s own split transactions not counted)', `${num(outcome.transactions)}, ${num(outcome.recordsPerTx.mean)} records each on average (max ${num(outcome.recordsPerTx.max)})`, ''],
              ['broadcast pace', `last broadcast ${num(outcome.lastBroadcastS, 1)} s after the first acceptance: ${num(outcome.lastBroadcastS > 0 ? outcome.confirmed / outcome.lastBroadcastS : 0)} records/s without the confirmation tail`, ''],
              ['node RSS', `${num(rssBefore)} MiB before, ${num(rssAfter)} MiB after`, ''],
            ],
          ),
          '',
          complete
            ? ''
            : `**${num(push.acceptedTotal - outcome.confirmed)} records were not confirmed within ${num(waitAfterPushMs / 1_000)} s after the push.** The node${workers.length > 0 ? ' and its workers' : ''} logged ${warnings.length} warnings/errors in their last ${tails.reduce((n, t) => n + t.length, 0)} lines; the last: \`${(warnings.at(-1) ?? 'none').slice(0, 300).replace(/`/g, "'")}\``,
          '',
          'Transactions (seconds since the first acceptance; the first 12):',
          '',
          table(
            ['#', 'records', 'signed', 'broadcast', 'confirmed'],
            outcome.timeline.slice(0, 12).map((t, i) => [String(i + 1), num(t.records), num(t.signedS, 1), t.broadcastS === null ? '—' : num(t.broadcastS, 1), t.confirmedS === null ? '—' : num(t.confirmedS, 1)]),
            ['r', 'r', 'r', 'r', 'r'],
          ),
          '',
          cpu
            ? `- ${describeCpu(cpu, outcome.confirmed, 'confirmed record', nodeLabel(spec))} (from the first push to the last confirmation${spec.devnetProcess ? '' : '; the devnet runs inside the node process'}).`
            : '',
        ].join('\n');
        return {
          title: spec.title,
          target: spec.target,
          body,
          loads: [{ label: spec.label, before, after }],
          summary: [
            [`4. ${spec.label}: node-side CPU per confirmed record ${cpuVerdict.limit}`, cpuVerdict.measured, cpuVerdict.ratio, cpuVerdict.verdict],
            [`4. ${spec.label}: accept → broadcast p99 < 2 s`, outcome.acceptToBroadcastMs.count > 0 ? `${ms(outcome.acceptToBroadcastMs.p99)} ms` : 'nothing broadcast', '—', verdict(metBroadcast)],
            [
              `4. ${spec.label}: records/s confirmed end to end${spec.capacity ? ', beside node-side capacity' : ''}`,
              `${num(outcome.confirmedPerS)}/s${cpuVerdict.capacity ? `; node-side capacity ${cpuVerdict.capacity}` : ''}`,
              '—',
              'reported',
            ],
          ],
          replaces: { titles: [spec.title, spec.title.replace(/^4/, '3')], summary: [`3. ${spec.label}:`, `4. ${spec.label}:`], loads: [spec.label] },
          findings: [
            `${spec.label}: ${num(outcome.confirmedPerS)} records/s confirmed (intake ${num(intakeS > 0 ? push.acceptedTotal / intakeS : 0)}/s), accept→broadcast p99 ${ms(outcome.acceptToBroadcastMs.p99)} ms, ${num(outcome.recordsPerTx.mean)} records per transaction${cpu ? `; ${describeCpu(cpu, outcome.confirmed, 'confirmed record', nodeLabel(spec))}` : ''}.`,
          ],
        };
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await sql.end();
      }
    });
}

/** Target 4's CPU verdict: node-side CPU per confirmed record against target 1's in this run (BSV) or a fixed limit (Arweave). */
function judgeCpu(ctx: ScenarioContext, spec: E2eSpec, cpu: CpuSplit | undefined, confirmed: number): { measured: string; limit: string; ratio: string; verdict: string; capacity: string | undefined } {
  const i = ctx.sameRun.intrinsic?.us;
  const devnetS = cpu?.nodeParts?.['devnet'] ?? 0;
  const per = cpu ? cpuPer(cpu, confirmed, cpu.nodeS - devnetS) : undefined;
  const measured = per ? describeCpuPer(per, spec.workers ? 'node + workers' : 'node') : 'n/a';
  const inIText = per && i !== undefined ? `; ${inI(per.total, i)}` : '';
  const cores = availableParallelism();
  const capacity = spec.capacity && per ? `${cores} cores / ${num(per.total)} µs = ${num((cores * 1e6) / per.total)} records/s` : undefined;
  if ('us' in spec.cpuLimit) {
    const limitUs = spec.cpuLimit.us;
    return {
      measured,
      limit: `≤ ${ms(limitUs / 1_000)} ms`,
      ratio: per ? `${num(per.total / limitUs, 2)} × limit${inIText}` : '—',
      verdict: per ? verdict(per.total <= limitUs) : NOT_MEASURED,
      capacity,
    };
  }
  const factor = spec.cpuLimit.ofBatchIntake;
  const intake = ctx.sameRun.batchCpuPerIntentUs.get(PUSH.batchSize);
  const limit = `≤ ${factor} × target 1's CPU per intent (×${num(PUSH.batchSize)})`;
  if (intake === undefined) return { measured, limit, ratio: `target 1 not measured in this run${inIText}`, verdict: NOT_MEASURED, capacity };
  return {
    measured: `${measured}; target 1 (×${num(PUSH.batchSize)}) ${num(intake)} µs`,
    limit,
    ratio: per ? `${num(per.total / intake, 2)} × target 1${inIText}` : '—',
    verdict: per ? verdict(per.total <= factor * intake) : NOT_MEASURED,
    capacity,
  };
}

function nodeLabel(spec: E2eSpec): { node?: string } {
  const parts = ['node', ...(spec.workers ? ['workers'] : []), ...(spec.devnetProcess ? ['devnet'] : [])];
  return parts.length > 1 ? { node: parts.join(' + ') } : {};
}

