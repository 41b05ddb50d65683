import { ms, num, table, verdict } from '../harness/markdown.ts';
import { measure, type Measured } from '../harness/measure.ts';
import { withNode } from '../harness/node-session.ts';
import type { Scenario, ScenarioReport } from '../harness/scenario.ts';
import type { BatchLoadResult } from '../lib/load-result.ts';
import { describeActivity, describeCpu } from './describe-cpu.ts';
import { INTAKE_ENV, presignBudget } from './intake-env.ts';

const TARGET_PER_S = 10_000;
// Calls in flight per batch size: enough to keep the node busy while one answer travels back,
// few enough that a 1,000-intent call is not queued behind many others.
const PHASES = [
  { batchSize: 100, concurrency: 8 },
  { batchSize: 1_000, concurrency: 4 },
];

/** Target 2: PublishBatch, batches of 100 and of 1,000. */
export const publishBatch: Scenario = (ctx) =>
  withNode(ctx, 'publish-batch', INTAKE_ENV, async (s): Promise<ScenarioReport> => {
    const { options } = ctx;
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
            presign: presignBudget(TARGET_PER_S, options.warmupMs, options.durationMs),
          },
          targets,
        ),
      );
    }
    const rows = runs.map(({ result: r }) => {
      const refusals = Object.entries({ ...r.errors, ...r.refused }).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
      return [
        num(r.batchSize),
        String(r.concurrency),
        num(r.intentsPerS) + (r.exhausted ? ' (pool exhausted)' : ''),
        num(r.batchesOk / Math.max(r.measuredS, 1e-9), 1),
        ms(r.batchLatencyMs.p50),
        ms(r.batchLatencyMs.p99),
        refusals,
        verdict(r.intentsPerS >= TARGET_PER_S && Object.keys(r.errors).length === 0),
      ];
    });
    const body = [
      table(['batch size', 'calls in flight', 'intents/s', 'batches/s', 'call p50 ms', 'call p99 ms', 'errors / refusals', 'target 2 (≥ 10,000/s)'], rows, ['r', 'r', 'r', 'r', 'r', 'r', 'l', 'l']),
      '',
      ...runs.map((m) => `- batches of ${num(m.result.batchSize)} — ${describeCpu(m.cpu, m.result.intentsPerS * m.cpu.wallS, 'intent')}; ${describeActivity(m.activity)}.`),
    ].join('\n');
    return {
      title: '2. PublishBatch',
      target: '≥ 10,000 intents/s (batches of 100–1,000).',
      body,
      loads: runs.map((m) => ({ label: `PublishBatch ×${m.result.batchSize}`, before: m.before, after: m.after })),
      summary: runs.map((m) => [
        `2. PublishBatch ×${num(m.result.batchSize)}: ≥ 10,000 intents/s`,
        `${num(m.result.intentsPerS)}/s`,
        verdict(m.result.intentsPerS >= TARGET_PER_S && Object.keys(m.result.errors).length === 0),
      ]),
      findings: runs.map(
        (m) =>
          `PublishBatch ×${num(m.result.batchSize)}: ${num(m.result.intentsPerS)} intents/s; ${describeCpu(m.cpu, m.result.intentsPerS * m.cpu.wallS, 'intent')}.`,
      ),
    };
  });
