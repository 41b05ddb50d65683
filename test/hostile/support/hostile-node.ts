import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../support/database.ts';
import { spawnNode, type SpawnedNode } from '../../support/spawn-node.ts';

export const HOSTILE_ADMIN_TOKEN = 'hostile-admin-token-0123456789';

/** The addresses the suites speak from: the node listens on the first, a legitimate client and an attacker use the others. */
export const NODE_HOST = '127.0.0.1';
export const LEGIT_ADDRESS = '127.0.0.2';
export const ATTACKER_ADDRESS = '127.0.0.3';

export interface HostileNode {
  url: string;
  port: number;
  pid: number;
  /** Every log line so far. */
  lines: string[];
  /** Resident memory now and its peak since start or since the last `resetPeak`, in MiB (from /proc/<pid>/status). */
  memory(): Promise<{ rssMiB: number; peakMiB: number }>;
  /**
   * Runs `attack` and measures the node's memory meanwhile: resident memory before, and its peak
   * during (the kernel's high-water mark, reset before, and samples every 20 ms as a fallback).
   */
  measure<T>(attack: () => Promise<T>): Promise<{ result: T; beforeMiB: number; peakMiB: number; growthMiB: number }>;
  /** Log lines at error level or above (pino: 50 and up) written since the node started. */
  errorLines(): string[];
  /** True while the process lives. */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * A real node process (`node --import tsx server/main.ts start`) on loopback for the hostile
 * suites: its own fresh database, production profile (so nothing of the dev stack runs inside
 * it), BSV enabled against an address nothing listens on and no publication workers, so intake is
 * all it does. `limits` are PUBLISHER_* settings, low, so the attacks trip them quickly.
 */
export async function startHostileNode(limits: Record<string, string>): Promise<HostileNode> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'publisher-hostile-'));
  const nowhere = 'http://127.0.0.1:9';
  let spawned: SpawnedNode;
  try {
    spawned = await spawnNode(['start'], {
      DATABASE_URL: database.url,
      PUBLISHER_PROFILE: 'production',
      PUBLISHER_HOST: NODE_HOST,
      PUBLISHER_DATA_DIR: dataDir,
      PUBLISHER_ADMIN_TOKEN: HOSTILE_ADMIN_TOKEN,
      PUBLISHER_LOG_KEY: randomBytes(32).toString('hex'),
      PUBLISHER_LOG_ORIGIN: 'hostile.test.invalid/log',
      PUBLISHER_NETWORK: 'test',
      PUBLISHER_CHAINS: 'bsv',
      PUBLISHER_BSV_ARC_URL: nowhere,
      PUBLISHER_BSV_WOC_URL: `${nowhere}/v1/bsv/test`,
      PUBLISHER_BSV_NETWORK: 'regtest',
      PUBLISHER_BSV_FUNDING_KEY: randomBytes(32).toString('hex'),
      PUBLISHER_INLINE_WORKERS: 'false',
      PUBLISHER_HEALTH_INTERVAL_MS: '600000',
      PUBLISHER_INTAKE_THREADS: '1',
      ...limits,
    });
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { child, url, lines } = spawned;
  const pid = child.pid!;
  const status = async () => {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  };
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    lines,
    memory: status,
    async measure(attack) {
      const before = await status();
      // "5" resets the peak resident set size (VmHWM) to the current one (proc(5), clear_refs).
      const resetWorked = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
        () => true,
        () => false,
      );
      let sampled = before.rssMiB;
      const sampler = setInterval(() => {
        status().then(
          (s) => (sampled = Math.max(sampled, s.rssMiB)),
          () => undefined,
        );
      }, 20);
      try {
        const result = await attack();
        const after = await status();
        const peakMiB = Math.max(sampled, after.rssMiB, resetWorked ? after.peakMiB : 0);
        return { result, beforeMiB: before.rssMiB, peakMiB, growthMiB: peakMiB - before.rssMiB };
      } finally {
        clearInterval(sampler);
      }
    },
    errorLines: () =>
      lines.filter((line) => {
        try {
          return (JSON.parse(line) as { level?: number }).level! >= 50;
        } catch {
          return /error/i.test(line); // not pino's JSON: something the process printed itself
        }
      }),
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const exited = await Promise.race([spawned.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
        if (!exited) {
          child.kill('SIGKILL');
          await spawned.exited;
        }
      }
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
