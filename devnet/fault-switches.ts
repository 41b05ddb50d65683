/** What the switches still hold: counts left, and the delay they apply. */
export interface FaultState {
  status5xx: number;
  delayMs: number;
  delayCount: number;
  drop: number;
}

/**
 * Fault switches for a devnet's broadcast route, shared by the BSV and Arweave devnets. A test
 * sets a count; each broadcast the devnet handles takes one (`take…`), so exactly that many are
 * answered 5xx, answered late or dropped. What "dropped" means is the devnet's: accepted, then
 * forgotten before any block.
 */
export class FaultSwitches {
  private state: FaultState = { status5xx: 0, delayMs: 0, delayCount: 0, drop: 0 };

  /** `invalid` makes the devnet's own error from a message naming the bad value. */
  constructor(private readonly invalid: (message: string) => Error) {}

  /** The next `count` broadcasts answer 503 and are not processed. */
  status5xx(count: number): void {
    this.state.status5xx = this.checkCount('status5xx', count);
  }

  /**
   * The next `count` broadcasts are processed, then answered only after `ms`: a client that times out
   * first does not know that its transaction went through.
   */
  delay(ms: number, count = 1): void {
    this.state.delayMs = this.checkCount('delayMs', ms);
    this.state.delayCount = this.checkCount('count', count);
  }

  /** The next `count` transactions are accepted and then forgotten. */
  drop(count: number): void {
    this.state.drop = this.checkCount('drop', count);
  }

  clear(): void {
    this.state = { status5xx: 0, delayMs: 0, delayCount: 0, drop: 0 };
  }

  pending(): FaultState {
    return { ...this.state };
  }

  takeStatus5xx(): boolean {
    return this.take('status5xx');
  }

  /** Milliseconds to hold this broadcast's answer (0: none). */
  takeDelay(): number {
    return this.take('delayCount') ? this.state.delayMs : 0;
  }

  takeDrop(): boolean {
    return this.take('drop');
  }

  private take(key: 'status5xx' | 'delayCount' | 'drop'): boolean {
    if (this.state[key] <= 0) return false;
    this.state[key]--;
    return true;
  }

  private checkCount(name: string, value: number): number {
    if (!Number.isSafeInteger(value) || value < 0) throw this.invalid(`${name} must be a whole number ≥ 0, got ${value}`);
    return value;
  }
}
