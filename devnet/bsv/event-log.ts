import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ChainEvent } from './chain-events.ts';

/**
 * An append-only JSON-lines file of chain events. Lines are written as they happen and synced to disk
 * before the request that caused them is answered. A process killed mid-write leaves at most one
 * unterminated last line, which is cut off at the next start (nobody was told about it).
 */
export class EventLog {
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly path: string,
  ) {}

  static open(path: string, log: Logger): { eventLog: EventLog; events: ChainEvent[] } {
    const events: ChainEvent[] = [];
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < text.length) {
        log.warn({ path, bytes: Buffer.byteLength(text.slice(complete)) }, 'bsv-devnet: ignoring the torn last line of the event log');
        truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
      }
      const lines = text.slice(0, complete).split('\n');
      lines.pop();
      for (const [index, line] of lines.entries()) events.push(parseLine(line, index + 1, path));
    }
    return { eventLog: new EventLog(openSync(path, 'a'), path), events };
  }

  write(event: ChainEvent): void {
    // After close the descriptor number may belong to another file: never write through it.
    if (this.closed) throw new Error('bsv-devnet: the devnet is stopped; its event log is closed');
    const line = Buffer.from(`${JSON.stringify(event)}\n`);
    for (let done = 0; done < line.length; ) done += writeSync(this.fd, line, done);
  }

  sync(): void {
    if (!this.closed) fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function parseLine(line: string, lineNumber: number, path: string): ChainEvent {
  try {
    return JSON.parse(line) as ChainEvent;
  } catch (cause) {
    throw new Error(
      `bsv-devnet: line ${lineNumber} of ${path} is not valid JSON, so the chain cannot be rebuilt. ` +
        'The file was edited or the disk is damaged: restore it, or delete the directory to start a new chain.',
      { cause },
    );
  }
}
