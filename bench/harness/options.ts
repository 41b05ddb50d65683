import { parseArgs } from 'node:util';
import { formatDuration, parseDuration } from '../lib/durations.ts';

export const SCENARIOS = ['publish-unary', 'publish-batch', 'e2e-bsv', 'e2e-arweave', 'memory', 'scaling', 'hostile', 'cli'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
/** Scenarios that run a node against PostgreSQL; `cli` times the command line alone. */
export type NodeScenarioName = Exclude<ScenarioName, 'cli'>;

export interface BenchOptions {
  only: ScenarioName[];
  /** Measured window of each throughput phase (after its warm-up). */
  durationMs: number;
  warmupMs: number;
  /** The memory run's length: 2 minutes by default, `--only memory --duration 10m` for the 10-minute target. */
  memoryMs: number;
  /** Records pushed by each end-to-end run, and per scaling round. */
  e2eBsvRecords: number;
  e2eArweaveRecords: number;
  scalingRecords: number;
  /** Runs of each command in the cli scenario. */
  cliRuns: number;
  /** Items per Arweave bundle in e2e-arweave (PUBLISHER_ARWEAVE_BATCH_SIZE); see bench/README.md for why not the node's 500. */
  arweaveBundle: number;
  quick: boolean;
  /** Run node and worker processes under V8's sampling profiler (slower: never the reported numbers). */
  cpuProf: boolean;
  /** A directory: run the node processes with --trace-gc and write each one's output there. */
  traceGcDir: string | undefined;
  /** Extra options for node itself in every node and worker process (e.g. a V8 heap setting to compare). */
  nodeOptions: string[];
  /** Settings for every node and worker process, over the scenario's own (e.g. PUBLISHER_HEAP_GROWING_PERCENT=0). */
  nodeEnv: Record<string, string>;
  /** Where the Markdown report goes (`-` for stdout only). */
  out: string;
  /** Write only the sections of the scenarios run into the existing report, keeping the rest (bench/harness/merge-report.ts). */
  merge: boolean;
  /** The command line, as it goes into the report. */
  command: string;
}

const USAGE = `usage: npm run bench -- [--only ${SCENARIOS.join(',')}] [--duration 10s] [--quick] [--out docs/benchmarks.md]

  --only       scenarios to run (default: all)
  --duration   measured window of each throughput phase (default 6s, warm-up 2s excluded);
               with --only memory it is the length of the memory run (default 2m; 10m for the target)
  --memory-duration  length of the memory run (default 2m, 20s with --quick; 10m for target 5),
               so that one run can report every target
  --arweave-bundle  items per Arweave bundle in e2e-arweave (default 100, one 256 KiB chunk, for
               a finer timeline; the node's default is 500, see bench/README.md)
  --cpu-prof   profile the node processes (node --cpu-prof) and add their hot functions to the
               report; the profiler slows the node, so use it to find bottlenecks, not for numbers
  --trace-gc DIR  run the node processes with V8's --trace-gc and write each one's output to
               DIR/<scenario>-<pid>.log (for reading the memory run's heap against its collections)
  --node-option OPT  pass OPT to node in every node and worker process (repeatable), e.g.
               --node-option=--max-semi-space-size=32, to compare V8 settings on the same code
  --node-env KEY=VALUE  set KEY in every node and worker process's environment, over the
               scenario's own settings (repeatable), e.g. --node-env PUBLISHER_HEAP_GROWING_PERCENT=0
  --quick      smoke run: 3s phases, small end-to-end runs, 20s memory run, 5 runs per CLI command
  --out        report file (default docs/benchmarks.md; "-" prints it only). With --only cli, only
               the report's "CLI start-up" section is rewritten
  --merge      rewrite only the sections of the scenarios run (and their summary and load rows) in
               the existing report, keeping the rest, e.g. --only hostile --merge
`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      duration: { type: 'string' },
      'memory-duration': { type: 'string' },
      quick: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'trace-gc': { type: 'string' },
      'node-option': { type: 'string', multiple: true, default: [] },
      'node-env': { type: 'string', multiple: true, default: [] },
      'arweave-bundle': { type: 'string', default: '100' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      merge: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIOS];
  const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  const quick = values.quick;
  const duration = values.duration ? parseDuration(values.duration) : undefined;
  const memoryOnly = only.length === 1 && only[0] === 'memory';
  return {
    only: only as ScenarioName[],
    durationMs: !memoryOnly && duration ? duration : quick ? 3_000 : 6_000,
    warmupMs: quick ? 1_000 : 2_000,
    memoryMs: values['memory-duration'] ? parseDuration(values['memory-duration']) : memoryOnly && duration ? duration : quick ? 20_000 : 120_000,
    e2eBsvRecords: quick ? 2_000 : 10_000,
    e2eArweaveRecords: quick ? 500 : 1_000,
    scalingRecords: quick ? 2_000 : 5_000,
    cliRuns: quick ? 5 : 20,
    arweaveBundle: Number(values['arweave-bundle']),
    quick,
    cpuProf: values['cpu-prof'],
    traceGcDir: values['trace-gc'],
    nodeOptions: values['node-option'],
    nodeEnv: Object.fromEntries(values['node-env'].map(keyValue)),
    out: values.out,
    merge: values.merge,
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
  };
}

function keyValue(arg: string): [string, string] {
  const eq = arg.indexOf('=');
  if (eq < 1) throw new Error(`--node-env takes KEY=VALUE, got "${arg}"`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

export function describeOptions(o: BenchOptions): string {
  return `phases ${formatDuration(o.durationMs)} measured after ${formatDuration(o.warmupMs)} warm-up; memory run ${formatDuration(o.memoryMs)}`;
}
