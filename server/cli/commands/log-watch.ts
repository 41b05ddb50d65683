import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, inputError, usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkConsistency } from '../log/check-consistency.ts';
import { adminTokenOf, checkSigned, logKeyOption, resolveLogKey } from '../log/log-key.ts';
import { describeCheckpoint, readCheckpoint, tileLog } from '../log/tile-log.ts';

/** What the state file keeps: the key the log is checked with and the last checkpoint verified. */
interface WatchState {
  logKey: string;
  checkpoint: string;
}

export const logWatchCommand = defineCommand({
  name: 'log watch',
  usage: '--state <file> [--log-key <key>] [--interval <seconds>] [--once]',
  description: [
    "Follows the node's transparency log: polls its checkpoint, checks the signature, and proves each new",
    'checkpoint consistent with the last verified one (kept in the state file) from the log\'s tiles; then',
    'keeps the new one. On any inconsistency (a fork: a split view or a rewritten history; a rollback: a',
    'smaller tree) it exits 1 naming both checkpoints, and leaves the state file as it was. The first run',
    'keeps the key (--log-key, else the node\'s, said on stderr) in the state file with the checkpoint.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    state: { type: 'string', value: 'file', help: 'the JSON file keeping the key and the last verified checkpoint (created on the first run)' },
    'log-key': logKeyOption,
    interval: { type: 'string', value: 'seconds', help: 'between polls (default 10)' },
    once: { type: 'boolean', help: 'check the current checkpoint once and exit (for cron)' },
  },
  examples: ['publisher log watch --state log-state.json --log-key "$LOG_KEY"', 'publisher log watch --state log-state.json --once'],
  async run({ values }, cli) {
    if (values.state === undefined) throw usageError('--state <file> is required: it keeps the last verified checkpoint');
    const interval = Number(values.interval ?? '10');
    if (!Number.isFinite(interval) || interval <= 0) throw usageError(`--interval must be a positive number of seconds, not ${values.interval}`);
    const path = resolve(cli.cwd, values.state);
    const prefix = `${cli.nodeUrl}/log/`;
    let state = await readState(path);
    if (state && values['log-key'] !== undefined && values['log-key'] !== state.logKey) {
      throw usageError(`--log-key differs from the key kept in ${values.state} (${state.logKey}): a new key is a new log; use another state file`);
    }
    const key = state?.logKey ?? (await resolveLogKey(values['log-key'], tileLog(prefix, adminTokenOf(cli)), cli)).key;
    let previous = state && readCheckpoint(state.checkpoint);
    for (;;) {
      // A client per poll: the tiles it keeps are those of one check, so a long watch holds no more.
      const log = tileLog(prefix, adminTokenOf(cli));
      try {
        const next = await log.checkpoint();
        checkSigned(next, key, 'the new checkpoint');
        if (previous) {
          const problem = await checkConsistency(log, previous, next);
          if (problem) {
            cli.out(`INCONSISTENT: ${problem}`);
            cli.out(`verified checkpoint (kept in ${values.state}):\n${previous.note}new checkpoint (from ${log.prefix}checkpoint):\n${next.note}`);
            throw new CliError(ExitCode.refused, 'LOG_INCONSISTENT', problem, { resultPrinted: true });
          }
        }
        if (!previous || next.size !== previous.size) {
          cli.out(previous ? `consistent: ${describeCheckpoint(previous)} → ${describeCheckpoint(next)}` : `first checkpoint: ${describeCheckpoint(next)}`);
          state = { logKey: key, checkpoint: next.note };
          await writeState(path, state);
          previous = next;
        } else cli.debug(`unchanged: ${describeCheckpoint(next)}`);
      } catch (error) {
        // A node that cannot be reached is retried while watching; a verdict never is.
        if (values.once || !(error instanceof CliError) || error.exitCode !== ExitCode.unreachable) throw error;
        cli.progress(`${error.message}; retrying in ${interval} s`);
      }
      if (values.once) return ExitCode.ok;
      await new Promise((done) => setTimeout(done, interval * 1000));
    }
  },
});

async function readState(path: string): Promise<WatchState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inputError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  try {
    const state = JSON.parse(text) as Partial<WatchState>;
    if (typeof state.logKey !== 'string' || typeof state.checkpoint !== 'string') throw new Error('it needs logKey and checkpoint');
    readCheckpoint(state.checkpoint);
    return { logKey: state.logKey, checkpoint: state.checkpoint };
  } catch (error) {
    throw inputError(`the state file ${path} is not one log watch wrote: ${(error as Error).message}`);
  }
}

/** Written whole, then renamed over the old one: a watcher stopped mid-write keeps the last state. */
async function writeState(path: string, state: WatchState): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
