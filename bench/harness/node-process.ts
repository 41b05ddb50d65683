import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../devnet/free-port.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TAIL_LINES = 200;

export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  /** Set for `start`; workers serve nothing. */
  url: string | undefined;
  /** Milliseconds from spawning to ready. */
  readyAfterMs: number;
  /** The last log lines (warnings and errors at the levels we run with), for the report. */
  tail: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * `node --import tsx server/main.ts start` as its own process (what `npm start` runs), like
 * test/support/spawn-node.ts, but at PUBLISHER_LOG_LEVEL=warn: the ready line is an info line,
 * so we choose the port ourselves and poll GET /healthz instead of reading it.
 */
export async function startNodeProcess(env: Record<string, string>, nodeArgs: string[] = [], readyTimeoutMs = 120_000, output?: OutputCopy): Promise<NodeProcess> {
  const port = await freePort();
  const spawnedAt = Date.now();
  const proc = launch(['start'], nodeArgs, { PUBLISHER_LOG_LEVEL: 'warn', ...env, PUBLISHER_PORT: String(port), PUBLISHER_HOST: '127.0.0.1' }, 'server/main.ts', output);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`the node exited with ${proc.child.exitCode} before it was ready:\n${proc.tail.join('\n')}`);
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`the node was not ready after ${readyTimeoutMs} ms:\n${proc.tail.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ...proc, url, readyAfterMs: Date.now() - spawnedAt };
}

/** `server/main.ts worker`: it serves nothing, so readiness is its info line "publication worker running". */
export async function startWorkerProcess(env: Record<string, string>, nodeArgs: string[] = [], readyTimeoutMs = 120_000, output?: OutputCopy): Promise<NodeProcess> {
  const spawnedAt = Date.now();
  const proc = launch(['worker'], nodeArgs, { ...env, PUBLISHER_LOG_LEVEL: 'info' }, 'server/main.ts', output);
  const deadline = Date.now() + readyTimeoutMs;
  while (!proc.tail.some((line) => line.includes('publication worker running'))) {
    if (proc.child.exitCode !== null) throw new Error(`a worker exited with ${proc.child.exitCode} before it was ready:\n${proc.tail.join('\n')}`);
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`a worker was not ready after ${readyTimeoutMs} ms:\n${proc.tail.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...proc, url: undefined, readyAfterMs: Date.now() - spawnedAt };
}

export interface DevnetProcess extends Omit<NodeProcess, 'url'> {
  /** What bench/devnet-process.ts printed: arcUrl and wocUrl (BSV) or gatewayUrl (Arweave). */
  endpoints: Record<string, string>;
}

/**
 * A devnet chain in its own process (bench/devnet-process.ts), as a real network would be: it
 * then competes with the node for the cores but not for the node's event loop.
 */
export async function startDevnetProcess(options: { chain: 'bsv' | 'arweave'; dir: string; fundingAddress: string; blockMs: number }, readyTimeoutMs = 60_000): Promise<DevnetProcess> {
  const spawnedAt = Date.now();
  const env = { BENCH_DEVNET_CHAIN: options.chain, BENCH_DEVNET_DIR: options.dir, BENCH_FUNDING_ADDRESS: options.fundingAddress, BENCH_BLOCK_MS: String(options.blockMs) };
  const proc = launch([], [], env, 'bench/devnet-process.ts');
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const ready = proc.tail.find((line) => line.startsWith('DEVNET '));
    if (ready) {
      const endpoints = JSON.parse(ready.slice('DEVNET '.length)) as Record<string, string>;
      return { ...proc, endpoints, readyAfterMs: Date.now() - spawnedAt };
    }
    if (proc.child.exitCode !== null) throw new Error(`the devnet exited with ${proc.child.exitCode} before it was ready:\n${proc.tail.join('\n')}`);
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`the devnet was not ready after ${readyTimeoutMs} ms:\n${proc.tail.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Where a process's whole stdout is also written: `dir/<name>-<pid>.log` (e.g. with --trace-gc). */
export interface OutputCopy {
  dir: string;
  name: string;
}

/** `nodeArgs` go to node itself, e.g. --cpu-prof. */
function launch(args: string[], nodeArgs: string[], env: Record<string, string>, script = 'server/main.ts', output?: OutputCopy): Omit<NodeProcess, 'url' | 'readyAfterMs'> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...inherited(), ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      tail.push(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      if (tail.length > TAIL_LINES) tail.shift();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  if (output) child.stdout!.pipe(createWriteStream(join(output.dir, `${output.name}-${child.pid}.log`)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    pid: child.pid!,
    tail,
    exited,
    // Graceful first (the node finishes in-flight work), then SIGKILL of this one pid only.
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Our environment minus the node's own settings, so a stray PUBLISHER_* of the caller cannot skew a run. */
function inherited(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PUBLISHER_') && k !== 'DATABASE_URL'));
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}
