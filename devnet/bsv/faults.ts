import { FaultSwitches, type FaultState } from '../fault-switches.ts';
import type { MinedBlock, ReorgOptions } from './devnet-node.ts';
import { BsvDevnetError } from './errors.ts';

export type { FaultState } from '../fault-switches.ts';

/**
 * In-process fault switches, also reachable as `POST /devnet/faults`. Counts are consumed by
 * broadcasts (`POST /v1/tx`, `/v1/txs`, WhatsOnChain's `tx/raw`), one per request; `drop` by
 * accepted transactions, one per transaction, answered SEEN_ON_NETWORK and forgotten;
 * `doubleSpendWins` by double spends of unmined outputs, one per transaction; `dropCallbacks` by
 * callbacks about to be sent, one per callback (a batch's each), which are then never sent:
 * ARC's callbacks are best-effort, its retries give up.
 */
export class Faults extends FaultSwitches {
  private wins = 0;
  private callbackDrops = 0;

  constructor(private readonly reorgChain: (depth: number, options: ReorgOptions) => MinedBlock[]) {
    super((message) => new BsvDevnetError(message));
  }

  /** See `DevnetNode.reorg`. */
  reorg(depth: number, options: ReorgOptions = {}): MinedBlock[] {
    return this.reorgChain(depth, options);
  }

  /**
   * The next `count` double spends of unmined outputs are answered DOUBLE_SPEND_ATTEMPTED as usual,
   * but win the race: the miner saw them first, so the next block mines them and rejects the
   * transactions they compete with. ARC's answer is the same either way.
   */
  doubleSpendWins(count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new BsvDevnetError(`doubleSpendWins must be a whole number ≥ 0, got ${count}`);
    this.wins = count;
  }

  /** The next `count` callbacks are lost. */
  dropCallbacks(count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new BsvDevnetError(`dropCallbacks must be a whole number ≥ 0, got ${count}`);
    this.callbackDrops = count;
  }

  takeCallbackDrop(): boolean {
    if (this.callbackDrops <= 0) return false;
    this.callbackDrops--;
    return true;
  }

  takeDoubleSpendWin(): boolean {
    if (this.wins <= 0) return false;
    this.wins--;
    return true;
  }

  override clear(): void {
    super.clear();
    this.wins = 0;
    this.callbackDrops = 0;
  }

  override pending(): FaultState & { doubleSpendWins: number; dropCallbacks: number } {
    return { ...super.pending(), doubleSpendWins: this.wins, dropCallbacks: this.callbackDrops };
  }
}
