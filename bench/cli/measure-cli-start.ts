import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importKey } from '../../sdk/index.ts';
import { operatorSigners } from '../../test/sdk/support/arweave-anchor.ts';
import { proofFixture } from '../../test/sdk/support/proof-fixture.ts';
import { loadSnapshot, type LoadSnapshot } from '../harness/machine.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'publisher.mjs');

export interface CliCommandTiming {
  label: string;
  /** The command as a user types it. */
  command: string;
  /** Wall-clock milliseconds of each run, in order. */
  samples: number[];
  median: number;
  min: number;
  /** Shown for comparison only (how the CLI used to run, or npx's own cost). */
  reference: boolean;
}

export interface CliStartResult {
  runs: number;
  timings: CliCommandTiming[];
  before: LoadSnapshot;
  after: LoadSnapshot;
}

interface Probe {
  label: string;
  command: string;
  argv: string[];
  env?: Record<string, string>;
  reference?: boolean;
  /** Fewer runs for the slow references. */
  runs?: number;
}

/**
 * Runs each command `runs` times, round-robin (so foreign load falls on all of them alike), and
 * keeps each run's wall time from spawn to exit. The proof verified is a complete fixture proof
 * (BSV and Arweave anchors), as `publisher proof` writes one.
 */
export async function measureCliStart(runs: number, say: (message: string) => void): Promise<CliStartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  try {
    const proof = join(dir, 'proof.json');
    const key = await importKey({ scheme: 'secp256k1', secretKeyHex: '11'.repeat(32) });
    await writeFile(proof, JSON.stringify((await proofFixture(key, [operatorSigners().arweave])).proof, null, 2));
    const fromSources = { PUBLISHER_CLI_FROM_SOURCES: '1' };
    const probes: Probe[] = [
      { label: 'node -e 0', command: 'node -e 0', argv: [process.execPath, '-e', '0'] },
      { label: 'publisher --help', command: 'node bin/publisher.mjs --help', argv: [process.execPath, bin, '--help'] },
      { label: 'publisher verify (offline)', command: 'node bin/publisher.mjs verify proof.json', argv: [process.execPath, bin, 'verify', proof] },
      { label: 'publisher --help from the sources (tsx)', command: 'PUBLISHER_CLI_FROM_SOURCES=1 node bin/publisher.mjs --help', argv: [process.execPath, bin, '--help'], env: fromSources, reference: true },
      { label: 'publisher verify from the sources (tsx)', command: 'PUBLISHER_CLI_FROM_SOURCES=1 node bin/publisher.mjs verify proof.json', argv: [process.execPath, bin, 'verify', proof], env: fromSources, reference: true },
      { label: 'npx publisher --help', command: 'npx --no publisher --help', argv: ['npx', '--no', 'publisher', '--help'], reference: true, runs: Math.ceil(runs / 3) },
    ];
    // Once each, unmeasured: builds the bundle if the sources changed, and warms the file cache.
    for (const probe of probes) check(probe, run(probe));
    const before = loadSnapshot();
    const samples = probes.map(() => [] as number[]);
    for (let round = 0; round < runs; round++) {
      probes.forEach((probe, index) => {
        if (round < (probe.runs ?? runs)) samples[index]!.push(check(probe, run(probe)).ms);
      });
      if ((round + 1) % 5 === 0) say(`cli: ${round + 1} of ${runs} rounds`);
    }
    const after = loadSnapshot();
    const timings = probes.map((probe, index) => {
      const sorted = [...samples[index]!].sort((a, b) => a - b);
      return { label: probe.label, command: probe.command, samples: samples[index]!, median: median(sorted), min: sorted[0] ?? 0, reference: probe.reference ?? false };
    });
    return { runs, timings, before, after };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(probe: Probe): { ms: number; status: number | null; stderr: string } {
  const [file, ...args] = probe.argv;
  const t0 = performance.now();
  const result = spawnSync(file!, args, { cwd: root, env: { ...process.env, ...probe.env }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  return { ms: performance.now() - t0, status: result.status, stderr: result.stderr ?? '' };
}

function check(probe: Probe, result: ReturnType<typeof run>): ReturnType<typeof run> {
  if (result.status !== 0) throw new Error(`${probe.command} exited with ${result.status}: ${result.stderr.slice(0, 2_000)}`);
  return result;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
