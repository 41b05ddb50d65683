import { ms, num, table, verdict } from '../harness/markdown.ts';
import { measure, type Measured } from '../harness/measure.ts';
import { withNode } from '../harness/node-session.ts';
import type { Scenario, ScenarioReport } from '../harness/scenario.ts';
import type { BatchLoadResult } from '../lib/load-result.ts';
import { describeActivity, describeCpu } from './describe-cpu.ts';
import { INTAKE_ENV, presignBudget } from './intake-env.ts';
import { cpuPer, describeCpuPer, inI, NOT_MEASURED } from './ratios.ts';

/** Target 1: CPU per intent ≤ 3 I. */
const LIMIT_IN_I = 3;
/** The rate the pre-signed pool is sized for (not a target). */
const POOL_RATE_PER_S = 10_000;
// Calls in flight per batch size: enough to keep the node busy while one answer travels back,
// few enough that a 1,000-intent call is not queued behind many others (4,000 intents in flight either way).
const PHASES = [
  { batchSize: 500, concurrency: 8 },
  { batchSize: 1_000, concurrency: 4 },
];

/** Target 1 (issue 22): PublishBatch of 500 and of 1,000, CPU per intent against I. */
export const publishBatch: Scenario = (ctx) =>
  withNode(ctx, 'publish-batch', INTAKE_ENV, async (s): Promise<ScenarioReport> => {
    const { options } = ctx;
    const i = ctx.sameRun.intrinsic?.us;
    const targets = { nodePids: [s.node.pid], postmasterPid: ctx.postgres.postmasterPid, database: { url: s.databaseUrl, name: s.databaseName } };
    const runs: Measured<BatchLoadResult>[] = [];
    for (const phase of PHASES) {
      ctx.say(`publish-batch: batches of ${phase.batchSize}, ${phase.concurrency} in flight`);
      runs.push(
        await measure(
          'batch',
          {
            url: s.url,
            'batch-size': phase.batchSize,
            concurrency: phase.concurrency,
            'warmup-ms': options.warmupMs,
            'duration-ms': options.durationMs,
            presign: presignBudget(POOL_RATE_PER_S, options.warmupMs, options.durationMs),
          },
          targets,
        ),
      );
    }
    const judged = runs.map((m) => {
      const accepted = m.result.intentsPerS * m.cpu.wallS;
      const per = cpuPer(m.cpu, accepted);
      if (per) ctx.sameRun.batchCpuPerIntentUs.set(m.result.batchSize, per.total);
      const met = per && i !== undefined ? per.total <= LIMIT_IN_I * i : undefined;
      return { m, accepted, per, met };
    });
    const verdictOf = (met: boolean | undefined) => (met === undefined ? NOT_MEASURED : verdict(met));
    const ratioOf = (per: ReturnType<typeof cpuPer>) => (per && i !== undefined ? inI(per.total, i) : '—');
    const rows = judged.map(({ m: { result: r }, per, met }) => {
      const refusals = Object.entries({ ...r.errors, ...r.refused }).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
      return [
        num(r.batchSize),
        String(r.concurrency),
        per ? describeCpuPer(per) : 'n/a',
        ratioOf(per),
        verdictOf(met),
        num(r.intentsPerS) + (r.exhausted ? ' (pool exhausted)' : ''),
        ms(r.batchLatencyMs.p50),
        ms(r.batchLatencyMs.p99),
        refusals,
      ];
    });
    const body = [
      i === undefined
        ? 'I was not measured in this run: no verdict.'
        : `Judged against I = ${num(i, 1)} µs measured in this run (limit ${LIMIT_IN_I} I = ${num(LIMIT_IN_I * i)} µs per intent). CPU per intent: node (all its threads) + PostgreSQL over the measured window, divided by the intents accepted in it; the load process is left out. Rates are information.`,
      '',
      table(
        ['batch size', 'calls in flight', 'CPU per intent', 'ratio', `target 1 (≤ ${LIMIT_IN_I} I)`, 'intents/s', 'call p50 ms', 'call p99 ms', 'errors / refusals'],
        rows,
        ['r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'],
      ),
      '',
      ...runs.map((m) => `- batches of ${num(m.result.batchSize)} — ${describeCpu(m.cpu, m.result.intentsPerS * m.cpu.wallS, 'intent')}; ${describeActivity(m.activity)}.`),
    ].join('\n');
    return {
      title: '1. PublishBatch: CPU per intent',
      target: `CPU per intent (node + PostgreSQL, load excluded) ≤ ${LIMIT_IN_I} × I, PublishBatch of 500–1,000 intents, several calls in flight.`,
      body,
      loads: runs.map((m) => ({ label: `PublishBatch ×${m.result.batchSize}`, before: m.before, after: m.after })),
      summary: judged.map(({ m, per, met }) => [
        `1. PublishBatch ×${num(m.result.batchSize)}, ${m.result.concurrency} in flight: CPU per intent ≤ ${LIMIT_IN_I} I`,
        `${per ? describeCpuPer(per) : 'n/a'}; ${num(m.result.intentsPerS)} intents/s`,
        `${ratioOf(per)}${i === undefined ? '' : ` (limit ${num(LIMIT_IN_I * i)} µs)`}`,
        verdictOf(met),
      ]),
      findings: runs.map(
        (m) =>
          `PublishBatch ×${num(m.result.batchSize)}: ${num(m.result.intentsPerS)} intents/s; ${describeCpu(m.cpu, m.result.intentsPerS * m.cpu.wallS, 'intent')}.`,
      ),
      replaces: { titles: ['1. PublishBatch', '2. PublishBatch'], summary: ['1. PublishBatch', '2. PublishBatch'], loads: ['PublishBatch ×'] },
    };
  });
