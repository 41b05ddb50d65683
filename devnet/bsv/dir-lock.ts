import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BsvDevnetError } from './errors.ts';

/**
 * Claims `path` for this process: two devnets appending to one log would corrupt it. A lock left by
 * a process that no longer runs (killed) is taken over. Returns the release function.
 */
export function lockDir(path: string): () => void {
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(path, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder !== undefined && Number.isInteger(holder) && holder > 0 && running(holder)) {
    throw new BsvDevnetError(`its directory is in use by process ${holder} (${path}); stop that devnet or give another dir`);
  }
  writeFileSync(path, `${process.pid}\n`);
  return () => rmSync(path, { force: true });
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
