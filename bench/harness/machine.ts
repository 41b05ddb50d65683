import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  kernel: string;
}

export function describeMachine(): Machine {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    nproc: cpus().length,
    cpuModel: model.trim(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: safeRead('/proc/version').split(' ').slice(0, 3).join(' '),
  };
}

/** The measured code: HEAD's short hash, and whether the node's own folders had uncommitted changes. */
export function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: new URL('../..', import.meta.url), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'core', 'server', 'adapters', 'devnet', 'proto');
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in core/server/adapters/devnet/proto' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

/** `uptime`'s three load averages. Other people's test runs share this machine: we record, not control. */
export interface LoadSnapshot {
  at: string;
  load: [number, number, number];
}

export function loadSnapshot(): LoadSnapshot {
  const [a = 0, b = 0, c = 0] = loadavg();
  return { at: new Date().toISOString(), load: [round2(a), round2(b), round2(c)] };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
