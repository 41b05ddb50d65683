import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MARK_PREFIX, RESULT_PREFIX, type BatchLoadResult, type HostileLoadResult, type LoadResult, type MarkName, type UnaryLoadResult } from '../lib/load-result.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Kinds = { unary: UnaryLoadResult; batch: BatchLoadResult; hostile: HostileLoadResult };

export interface RunningLoad<T extends LoadResult> {
  pid: number;
  result: Promise<T>;
}

/**
 * Starts `bench/load-<kind>.ts` as its own process, so the load never shares the node's thread.
 * `onMark` hears the start and the end of the measured window as they happen.
 */
export function startLoad<K extends keyof Kinds>(kind: K, args: Record<string, string | number>, onMark?: (mark: MarkName) => void): RunningLoad<Kinds[K]> {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/load-${kind}.ts`, ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let resultLine: string | undefined;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith(MARK_PREFIX)) onMark?.(line.slice(MARK_PREFIX.length) as MarkName);
      else if (line.startsWith(RESULT_PREFIX)) resultLine = line.slice(RESULT_PREFIX.length);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
  const result = new Promise<Kinds[K]>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0 && resultLine) resolve(JSON.parse(resultLine) as Kinds[K]);
      else reject(new Error(`bench/load-${kind}.ts exited with ${code}:\n${stderr}`));
    });
  });
  return { pid: child.pid!, result };
}
