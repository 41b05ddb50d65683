import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfiles } from './cpu-profile.ts';
import type { ScenarioContext } from './scenario.ts';
import { startNodeProcess, startWorkerProcess, type NodeProcess } from './node-process.ts';

export interface NodeSession {
  node: NodeProcess;
  url: string;
  databaseUrl: string;
  databaseName: string;
  /** The environment the node was started with; `worker` processes need the same. */
  env: Record<string, string>;
  startWorker(): Promise<NodeProcess>;
}

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * A fresh database and data directory, one node process on them (dev profile: its local chains
 * run inside it), `fn`, then everything torn down again, also when `fn` throws.
 */
export async function withNode<T>(ctx: ScenarioContext, label: string, extraEnv: Record<string, string>, fn: (s: NodeSession) => Promise<T>): Promise<T> {
  const database = await ctx.postgres.createDatabase(label);
  const dataDir = await mkdtemp(join(tmpdir(), `publisher-bench-${label}-`));
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    PUBLISHER_PROFILE: 'dev',
    PUBLISHER_DATA_DIR: dataDir,
    PUBLISHER_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_LOG_LEVEL: 'warn',
    ...extraEnv,
    ...ctx.options.nodeEnv,
  };
  const workers: NodeProcess[] = [];
  let node: NodeProcess | undefined;
  // --cpu-prof: V8 writes one profile per process when it exits, into the data directory.
  const profileDir = join(dataDir, 'cpu-profiles');
  const nodeArgs = [...(ctx.options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(ctx.options.traceGcDir ? ['--trace-gc'] : []), ...ctx.options.nodeOptions];
  const gcTrace = (name: string) => (ctx.options.traceGcDir ? { dir: ctx.options.traceGcDir, name } : undefined);
  if (ctx.options.traceGcDir) await mkdir(ctx.options.traceGcDir, { recursive: true });
  try {
    ctx.say(`${label}: starting the node`);
    node = await startNodeProcess(env, nodeArgs, undefined, gcTrace(label));
    const session: NodeSession = {
      node,
      url: node.url!,
      databaseUrl: database.url,
      databaseName: new URL(database.url).pathname.slice(1),
      env,
      async startWorker() {
        const worker = await startWorkerProcess(env, nodeArgs, undefined, gcTrace(`${label}-worker`));
        workers.push(worker);
        return worker;
      },
    };
    const result = await fn(session);
    // A node that died mid-scenario makes its numbers meaningless: fail loudly, with its last words.
    if (node.child.exitCode !== null || node.child.signalCode !== null) {
      throw new Error(
        `the node process exited during ${label} (exit code ${node.child.exitCode}, signal ${node.child.signalCode}); its last log lines:\n${node.tail.slice(-20).map((l) => l.slice(0, 400)).join('\n')}`,
      );
    }
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await node?.stop();
    if (ctx.options.cpuProf) ctx.profiles.set(label, await summariseProfiles(profileDir, (node?.readyAfterMs ?? 0) + 1_000));
    await database.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}
