import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SpawnedNode {
  child: ChildProcess;
  url: string;
  /** Every log line so far (JSON, as pino wrote them). */
  lines: string[];
  exited: Promise<number | null>;
}

/** Runs `node server/main.ts <args>` as its own process (what `npm start` runs) and waits until it listens. */
export async function spawnNode(
  args: string[],
  env: Record<string, string | undefined>,
  readyTimeoutMs = 90_000,
  ready: RegExp = /chain publisher ready at (http:\/\/[^"\s]+)/,
  /** `detached`: a process group of its own, so `process.kill(-pid, 'SIGINT')` is a terminal's Ctrl-C. */
  options: { detached?: boolean } = {},
): Promise<SpawnedNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, PUBLISHER_PORT: '0', PUBLISHER_LOG_LEVEL: 'info', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node not ready after ${readyTimeoutMs} ms:\n${lines.join('\n')}`)), readyTimeoutMs);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        const match = ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? '');
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code} before it was ready:\n${lines.join('\n')}`));
    });
  });
  return { child, url, lines, exited };
}
