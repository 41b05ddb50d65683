import type { MinedBlock, ReorgOptions } from './devnet-node.ts';
import { BsvDevnetError } from './errors.ts';

export interface FaultState {
  status5xx: number;
  delayMs: number;
  delayCount: number;
  drop: number;
}

/**
 * In-process fault switches, also reachable as `POST /devnet/faults`. Counts are consumed by
 * broadcasts (`POST /v1/tx`, `/v1/txs`, WhatsOnChain's `tx/raw`), one per request; `drop` by
 * accepted transactions, one per transaction.
 */
export class Faults {
  private state: FaultState = { status5xx: 0, delayMs: 0, delayCount: 0, drop: 0 };

  constructor(private readonly reorgChain: (depth: number, options: ReorgOptions) => MinedBlock[]) {}

  /** The next `count` broadcasts answer 503 and are not processed. */
  status5xx(count: number): void {
    this.state.status5xx = checkCount('status5xx', count);
  }

  /**
   * The next `count` broadcasts are processed, then answered only after `ms`: a client that times out
   * first does not know that its transaction went through.
   */
  delay(ms: number, count = 1): void {
    this.state.delayMs = checkCount('delayMs', ms);
    this.state.delayCount = checkCount('count', count);
  }

  /** The next `count` transactions that would enter the mempool are answered SEEN_ON_NETWORK and forgotten. */
  drop(count: number): void {
    this.state.drop = checkCount('drop', count);
  }

  /** See `DevnetNode.reorg`. */
  reorg(depth: number, options: ReorgOptions = {}): MinedBlock[] {
    return this.reorgChain(depth, options);
  }

  clear(): void {
    this.state = { status5xx: 0, delayMs: 0, delayCount: 0, drop: 0 };
  }

  pending(): FaultState {
    return { ...this.state };
  }

  takeStatus5xx(): boolean {
    return take(this.state, 'status5xx');
  }

  /** Milliseconds to hold this broadcast's answer (0: none). */
  takeDelay(): number {
    return take(this.state, 'delayCount') ? this.state.delayMs : 0;
  }

  takeDrop(): boolean {
    return take(this.state, 'drop');
  }
}

function take(state: FaultState, key: 'status5xx' | 'delayCount' | 'drop'): boolean {
  if (state[key] <= 0) return false;
  state[key]--;
  return true;
}

function checkCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new BsvDevnetError(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}
