import { formatDuration } from '../lib/durations.ts';
import { measure } from '../harness/measure.ts';
import { ms, num, pct, table, verdict } from '../harness/markdown.ts';
import { withNode } from '../harness/node-session.ts';
import { readHeap } from '../harness/node-metrics.ts';
import { rssMiB, rssPartsMiB } from '../harness/proc-stats.ts';
import type { Scenario, ScenarioReport } from '../harness/scenario.ts';
import { describeCpu } from './describe-cpu.ts';
import { INTAKE_ENV } from './intake-env.ts';

const SAMPLE_EVERY_MS = 5_000;
const CONCURRENCY = 64;
const FLAT_WITHIN = 0.2;

interface Sample {
  t: number;
  rss: number;
  heapUsed: number;
  /** V8's committed heap of the main thread (used plus free pages it keeps). */
  heapTotal: number;
  external: number;
  /** V8's old space (committed, used) and new space (committed) of the main thread. */
  oldTotal: number;
  oldUsed: number;
  newTotal: number;
  /** RSS that is anonymous memory (heaps, malloc arenas, thread stacks). */
  anon: number;
}

/**
 * Target 5: the node's resident size under a steady Publish load (64 in flight, intents signed
 * as they are sent so none goes stale in a long run). RSS from /proc/<pid>/status every 5 s, with
 * V8's heap and external memory from the node's /metrics beside it (to tell a leak from the
 * garbage collector's sawtooth). The reference is the time after a warm-up (JIT, pools, caches).
 * Inline workers are off: with them on, the devnet chain living in the node process would grow
 * with every block and hide what the node itself does.
 */
export const memory: Scenario = (ctx) =>
  withNode(ctx, 'memory', INTAKE_ENV, async (s): Promise<ScenarioReport> => {
    const warmupMs = ctx.options.quick ? 5_000 : 10_000;
    const runMs = ctx.options.memoryMs;
    const samples: Sample[] = [];
    const started = Date.now();
    const idleRss = rssMiB(s.node.pid) ?? 0;
    const timer = setInterval(() => {
      const rss = rssMiB(s.node.pid);
      if (rss === undefined) return;
      const t = Date.now() - started;
      const anon = rssPartsMiB(s.node.pid)?.anon ?? Number.NaN;
      void readHeap(s.url).then((heap) =>
        samples.push({ t, rss, anon, heapUsed: heap?.heapUsedMiB ?? Number.NaN, heapTotal: heap?.heapTotalMiB ?? Number.NaN, external: heap?.externalMiB ?? Number.NaN,
          oldTotal: heap?.oldTotalMiB ?? Number.NaN, oldUsed: heap?.oldUsedMiB ?? Number.NaN, newTotal: heap?.newTotalMiB ?? Number.NaN }),
      );
    }, SAMPLE_EVERY_MS);
    ctx.say(`memory: ${formatDuration(runMs)} of Publish ×${CONCURRENCY} after ${formatDuration(warmupMs)} warm-up`);
    let m;
    try {
      m = await measure(
        'unary',
        { url: s.url, method: 'publish', concurrency: CONCURRENCY, 'warmup-ms': warmupMs, 'duration-ms': runMs, presign: 0 },
        { nodePids: [s.node.pid], postmasterPid: ctx.postgres.postmasterPid },
      );
    } finally {
      clearInterval(timer);
    }
    samples.sort((a, b) => a.t - b.t);
    const steady = samples.filter((x) => x.t >= warmupMs);
    const first = steady[0]?.rss ?? 0;
    const last = steady.at(-1)?.rss ?? 0;
    const max = Math.max(...steady.map((x) => x.rss));
    const min = Math.min(...steady.map((x) => x.rss));
    // Single samples land anywhere on the GC sawtooth; the trend compares the medians of the
    // first and the last window (a minute, or a quarter of a shorter run).
    const windowMs = Math.min(60_000, runMs / 4);
    const end = steady.at(-1)?.t ?? 0;
    const head = steady.filter((x) => x.t < warmupMs + windowMs);
    const tail = steady.filter((x) => x.t > end - windowMs);
    const trend = (pick: (x: Sample) => number) => {
      const a = median(head.map(pick));
      const b = median(tail.map(pick));
      return { a, b, change: a > 0 ? (b - a) / a : 0 };
    };
    const rssTrend = trend((x) => x.rss);
    const heapTrend = trend((x) => x.heapUsed);
    const externalTrend = trend((x) => x.external);
    const heapTotalTrend = trend((x) => x.heapTotal);
    const anonTrend = trend((x) => x.anon);
    const oldTotalTrend = trend((x) => x.oldTotal);
    const oldUsedTrend = trend((x) => x.oldUsed);
    const newTotalTrend = trend((x) => x.newTotal);
    const everySample = steady.length >= 2 && max <= first * (1 + FLAT_WITHIN) && min >= first * (1 - FLAT_WITHIN);
    const trendMet = steady.length >= 2 && Math.abs(rssTrend.change) <= FLAT_WITHIN;
    const tenMinutes = runMs >= 600_000;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${pct(x)}`;
    const minutes = perMinute(steady);
    const body = [
      table(
        ['measure', 'value'],
        [
          ['load', `Publish, ${CONCURRENCY} in flight, ${formatDuration(runMs)} after ${formatDuration(warmupMs)} warm-up: ${num(m.result.callsPerS)} intents/s, p99 ${ms(m.result.latencyMs.p99)} ms, errors ${JSON.stringify(m.result.errors)}`],
          ['RSS idle (before the load)', `${num(idleRss)} MiB`],
          ['RSS first / last / min / max sample after warm-up', `${num(first)} / ${num(last)} / ${num(min)} / ${num(max)} MiB (last vs first ${signed(first > 0 ? (last - first) / first : 0)}, max vs first ${signed(first > 0 ? (max - first) / first : 0)})`],
          [`RSS trend: median of the first vs the last ${formatDuration(windowMs)}`, `${num(rssTrend.a)} → ${num(rssTrend.b)} MiB (${signed(rssTrend.change)})`],
          ['V8 heap used, same windows (from /metrics)', `${num(heapTrend.a)} → ${num(heapTrend.b)} MiB (${signed(heapTrend.change)})`],
          ['V8 heap committed (main thread), same windows', `${num(heapTotalTrend.a)} → ${num(heapTotalTrend.b)} MiB (${signed(heapTotalTrend.change)})`],
          ['of which V8 old space committed / used, same windows', `${num(oldTotalTrend.a)} → ${num(oldTotalTrend.b)} MiB (${signed(oldTotalTrend.change)}) / ${num(oldUsedTrend.a)} → ${num(oldUsedTrend.b)} MiB (${signed(oldUsedTrend.change)})`],
          ['of which V8 new space committed, same windows', `${num(newTotalTrend.a)} → ${num(newTotalTrend.b)} MiB (${signed(newTotalTrend.change)})`],
          ['RSS that is anonymous memory (RssAnon), same windows', `${num(anonTrend.a)} → ${num(anonTrend.b)} MiB (${signed(anonTrend.change)})`],
          ['external memory (Buffers), same windows', `${num(externalTrend.a)} → ${num(externalTrend.b)} MiB (${signed(externalTrend.change)})`],
          [`target 4, trend within 20%${tenMinutes ? '' : ` (this run: ${formatDuration(runMs)}; the target asks for 10 minutes: \`npm run bench -- --only memory --duration 10m\`)`}`, verdict(trendMet)],
          ['target 4, read strictly: every sample within 20% of the first', verdict(everySample)],
        ],
      ),
      '',
      table(
        ['minute', 'RSS min MiB', 'RSS median MiB', 'RSS max MiB', 'heap used median MiB', 'heap used min MiB', 'heap committed median MiB'],
        minutes.map((r) => [String(r.minute), num(r.min), num(r.median), num(r.max), num(r.heap), num(r.heapMin), num(r.heapTotal)]),
        ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      `<details><summary>RSS every ${SAMPLE_EVERY_MS / 1_000} s (seconds since the load started: MiB, with the main thread’s V8 heap committed in brackets)</summary>\n\n${samples.map((x) => `${Math.round(x.t / 1_000)}s ${Math.round(x.rss)} (${Math.round(x.heapTotal)})`).join(', ')}\n\n</details>`,
      '',
      `- ${describeCpu(m.cpu, m.result.ok, 'intent')}.`,
    ].join('\n');
    return {
      title: `5. Memory under a sustained Publish load (${formatDuration(runMs)})`,
      target: 'Resident size stays flat (within 20%) over a 10-minute sustained run.',
      body,
      loads: [{ label: `memory ${formatDuration(runMs)}`, before: m.before, after: m.after }],
      summary: [
        [
          `5. memory ${formatDuration(runMs)}: RSS flat within 20% (over 10 minutes)`,
          `median ${signed(rssTrend.change)}, samples ${num(min)}–${num(max)} MiB`,
          '—',
          `${verdict(trendMet)} (trend)${tenMinutes ? '' : `, ${formatDuration(runMs)} only`}; strictly ${verdict(everySample)}`,
        ],
      ],
      replaces: { titles: ['4. Memory under', '5. Memory under'], summary: ['4. memory', '5. memory'], loads: ['memory '] },
      findings: [
        `memory (${formatDuration(runMs)}, ${num(m.result.callsPerS)} intents/s): RSS median ${num(rssTrend.a)} → ${num(rssTrend.b)} MiB (${signed(rssTrend.change)}), samples ${num(min)}–${num(max)} MiB; V8 heap used ${num(heapTrend.a)} → ${num(heapTrend.b)} MiB.`,
      ],
    };
  });

function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

/** The lowest finite value; NaN (printed as such) when every reading failed. */
function lowest(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length === 0 ? Number.NaN : Math.min(...v);
}

/**
 * Per minute of the run (after warm-up): RSS min, median, max, and the main thread's heap: used
 * (median, and min: the lowest reading is the nearest to what survives a full collection, so a
 * leak shows as a rising min) and committed (median).
 */
function perMinute(samples: readonly Sample[]): { minute: number; min: number; median: number; max: number; heap: number; heapMin: number; heapTotal: number }[] {
  const groups = new Map<number, Sample[]>();
  const t0 = samples[0]?.t ?? 0;
  for (const x of samples) {
    const minute = Math.floor((x.t - t0) / 60_000) + 1;
    groups.set(minute, [...(groups.get(minute) ?? []), x]);
  }
  return [...groups].map(([minute, g]) => ({
    minute,
    min: Math.min(...g.map((x) => x.rss)),
    median: median(g.map((x) => x.rss)),
    max: Math.max(...g.map((x) => x.rss)),
    heap: median(g.map((x) => x.heapUsed)),
    heapMin: lowest(g.map((x) => x.heapUsed)),
    heapTotal: median(g.map((x) => x.heapTotal)),
  }));
}
