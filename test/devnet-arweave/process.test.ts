import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from './support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let temp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  temp = await tempDir();
});

afterAll(async () => {
  await temp?.remove();
});

it('in a process of its own (NODE_ENV unset) leaves no signal handlers or ./logs file, prints nothing but pino, and lets the process end after stop()', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_ENV']; // Apollo installs its signal handlers only outside NODE_ENV=test
  delete env['VITEST'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/devnet-arweave/fixtures/devnet-child.ts', temp.dir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process did not end by itself after stop():\n${stdout}\n${stderr}`));
    }, 20_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout.trim().split('\n')).toEqual([JSON.stringify({ handlers: { SIGINT: 0, SIGTERM: 0 }, logsFile: false })]);
  // stderr is the pino destination: JSON lines only, arlocal's console.error among them as a warning.
  const lines = stderr.trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
  expect(lines.some((line) => line.level === 40 && line.msg.includes('TypeError'))).toBe(true);
}, 30_000);
