import { FaultSwitches } from '../fault-switches.ts';
import type { MinedBlock, ReorgOptions } from './devnet-node.ts';
import { BsvDevnetError } from './errors.ts';

export type { FaultState } from '../fault-switches.ts';

/**
 * In-process fault switches, also reachable as `POST /devnet/faults`. Counts are consumed by
 * broadcasts (`POST /v1/tx`, `/v1/txs`, WhatsOnChain's `tx/raw`), one per request; `drop` by
 * accepted transactions, one per transaction, answered SEEN_ON_NETWORK and forgotten.
 */
export class Faults extends FaultSwitches {
  constructor(private readonly reorgChain: (depth: number, options: ReorgOptions) => MinedBlock[]) {
    super((message) => new BsvDevnetError(message));
  }

  /** See `DevnetNode.reorg`. */
  reorg(depth: number, options: ReorgOptions = {}): MinedBlock[] {
    return this.reorgChain(depth, options);
  }
}
