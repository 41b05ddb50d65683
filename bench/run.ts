// npm run bench: starts PostgreSQL, then for each scenario a node process on a fresh database and
// load processes against it, and writes docs/benchmarks.md. See bench/README.md.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliStartSection, withCliStartSection } from './cli/cli-start-section.ts';
import { keptSdkSizeSection } from '../packages/build/sdk-size.ts';
import { measureCliStart } from './cli/measure-cli-start.ts';
import { codeVersion, describeMachine, loadSnapshot } from './harness/machine.ts';
import { mergeReport } from './harness/merge-report.ts';
import { notRunRows } from './harness/not-run.ts';
import { measureIntrinsic } from './harness/intrinsic.ts';
import { describeOptions, parseOptions, SCENARIOS, type NodeScenarioName } from './harness/options.ts';
import { startBenchPostgres } from './harness/postgres.ts';
import { renderReport } from './harness/report.ts';
import type { Scenario, ScenarioContext, ScenarioReport } from './harness/scenario.ts';
import { e2eArweave } from './scenarios/e2e-arweave.ts';
import { e2eBsv } from './scenarios/e2e-bsv.ts';
import { hostile } from './scenarios/hostile.ts';
import { intrinsicSection } from './scenarios/intrinsic.ts';
import { memory } from './scenarios/memory.ts';
import { publishBatch } from './scenarios/publish-batch.ts';
import { publishUnary } from './scenarios/publish-unary.ts';
import { scaling } from './scenarios/scaling.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const options = parseOptions(process.argv.slice(2));
const say = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const scenarios: Record<NodeScenarioName, Scenario> = {
  'publish-unary': publishUnary,
  'publish-batch': publishBatch,
  'e2e-bsv': e2eBsv(options.e2eBsvRecords),
  'e2e-arweave': e2eArweave(options.e2eArweaveRecords, options.arweaveBundle),
  memory,
  scaling: scaling(options.scalingRecords),
  hostile,
};

const startedAt = new Date();
// In SCENARIOS' order whatever the order of --only: publish-unary (E) and publish-batch (target 1)
// before the end-to-end runs that are judged against them.
const nodeScenarios = SCENARIOS.filter((name): name is NodeScenarioName => name !== 'cli' && options.only.includes(name));
/** Scenarios whose targets are stated in I (issue 22): I is measured first, in the same run. */
const NEED_I: readonly NodeScenarioName[] = ['publish-unary', 'publish-batch', 'e2e-bsv', 'e2e-arweave'];
const withCli = options.only.includes('cli');

/** The CLI's start-up times (no node, no database): its own section of the report. */
async function cliSection(): Promise<string> {
  say(`cli: ${options.cliRuns} runs of each command`);
  const at = new Date();
  return cliStartSection(await measureCliStart(options.cliRuns, say), options.command, at);
}

if (nodeScenarios.length === 0 && withCli) {
  // Only the CLI: its section is rewritten in the existing report, the other figures are kept.
  const section = await cliSection();
  if (options.out === '-') process.stdout.write(`${section}\n`);
  else {
    const path = resolve(root, options.out);
    await writeFile(path, withCliStartSection(await readFile(path, 'utf8').catch(() => ''), section));
    say(`CLI start-up section written to ${options.out}`);
  }
  process.exit(0);
}

const code = codeVersion(); // read before the run: the tree may change while it runs
const before = loadSnapshot();
say(`load average ${before.load.join(', ')}; ${describeOptions(options)}; scenarios: ${options.only.join(', ')}`);
const sameRun: ScenarioContext['sameRun'] = { intrinsic: undefined, emptyCallUs: new Map(), batchCpuPerIntentUs: new Map() };
const sections: ScenarioReport[] = [];
if (nodeScenarios.some((name) => NEED_I.includes(name))) {
  // Before PostgreSQL starts, on the bench's own thread: a few seconds.
  const at = loadSnapshot();
  sameRun.intrinsic = measureIntrinsic();
  sections.push(intrinsicSection(sameRun.intrinsic, at, options.command, nodeScenarios.includes('publish-unary')));
  say(`I = ${sameRun.intrinsic.us.toFixed(1)} µs per intent (median of ${sameRun.intrinsic.rounds} rounds)`);
}
const postgres = await startBenchPostgres();
say(`PostgreSQL ${postgres.version}, fsync ${postgres.settings['fsync']}, synchronous_commit ${postgres.settings['synchronous_commit']}`);
const ctx: ScenarioContext = { options, postgres, say, profiles: new Map(), sameRun };
const failures: { scenario: string; error: string }[] = [];
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  say('interrupted: finishing the current scenario, then writing what was measured');
});
try {
  for (const name of nodeScenarios) {
    if (interrupted) break;
    const t0 = performance.now();
    try {
      sections.push(await scenarios[name](ctx));
      say(`${name} done in ${Math.round((performance.now() - t0) / 1_000)} s`);
    } catch (error) {
      // One failed scenario must not cost the others' numbers.
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ scenario: name, error: text });
      say(`${name} FAILED: ${text}`);
    }
  }
} finally {
  await postgres.stop();
}
let cli: string | undefined;
if (withCli && !interrupted) {
  try {
    cli = await cliSection();
  } catch (error) {
    failures.push({ scenario: 'cli', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

const rendered = renderReport({
  command: options.command,
  options: describeOptions(options),
  machine: describeMachine(),
  code,
  postgres,
  startedAt,
  elapsedS: (Date.now() - startedAt.getTime()) / 1_000,
  before,
  after: loadSnapshot(),
  sections,
  notRun: notRunRows(nodeScenarios),
  failures,
  profiles: ctx.profiles,
  bottlenecks: await readFile(new URL('./bottlenecks.md', import.meta.url), 'utf8').catch(() => ''),
});
const report = cli === undefined ? rendered : withCliStartSection(rendered, cli);
if (options.out === '-') process.stdout.write(report);
else if (options.merge) {
  const path = resolve(root, options.out);
  const stamp = `_Measured ${startedAt.toISOString()} by \`${options.command}\` (${describeOptions(options)}) on ${code}, and merged into this report._`;
  const merged = mergeReport(await readFile(path, 'utf8'), sections, stamp);
  await writeFile(path, cli === undefined ? merged : withCliStartSection(merged, cli));
  say(`${[...sections.map((s) => s.title), ...(cli === undefined ? [] : ['CLI start-up'])].join(', ')} written into ${options.out}`);
} else {
  const path = resolve(root, options.out);
  // The SDK's size section is written by npm run build:packages, not measured here: a full report keeps it.
  await writeFile(path, keptSdkSizeSection(await readFile(path, 'utf8').catch(() => ''), report));
  say(`report written to ${options.out}`);
}
process.exit(failures.length > 0 ? 1 : 0);
