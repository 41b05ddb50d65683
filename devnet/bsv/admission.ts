import { ArcError } from './arc-errors.ts';
import type { ChainState } from './chain-state.ts';
import type { DevnetPolicy } from './policy.ts';
import { NULL_HASH, type ParsedTx, type TxInput, type TxOutput } from './tx-codec.ts';
import { validateTransaction } from './validate-transaction.ts';

/**
 * What ARC checks before it hands a transaction to the node. ARC first "extends" a raw transaction
 * with its parents' outputs (none found: 460); an EF transaction brings them along. `batch` holds the
 * earlier transactions of the same request, which an EF child may spend before they are known, as
 * with ARC. Unlike ARC, an EF input whose parent is nowhere is refused here with 460 too (ARC would
 * pass it on and the node would park it as an orphan), and an EF input must match the real output.
 */
export function admitToArc(state: ChainState, tx: ParsedTx, batch: ReadonlySet<string>, policy: DevnetPolicy): void {
  const spent = tx.inputs.map((input, index) => spentOutput(state, input, index, batch));
  validateTransaction(tx, spent, policy);
}

function spentOutput(state: ChainState, input: TxInput, index: number, batch: ReadonlySet<string>): TxOutput {
  // Left to the input checks, which name it (462), as ARC does for an EF coinbase input.
  if (input.prevTxid === NULL_HASH && input.source) return input.source;
  const entry = state.outputs.get(input.prevTxid, input.vout);
  if (entry) {
    checkSource(input, entry, index);
    return entry;
  }
  if (input.source && batch.has(input.prevTxid)) return input.source;
  const parent = state.txs.get(input.prevTxid);
  throw new ArcError(
    460,
    parent?.live ? `output ${input.vout} of transaction ${input.prevTxid} cannot be spent` : 'parent transaction not found',
  );
}

function checkSource(input: TxInput, actual: TxOutput, index: number): void {
  const claimed = input.source;
  if (claimed && (claimed.satoshis !== actual.satoshis || !claimed.script.equals(actual.script))) {
    throw new ArcError(460, `input ${index}: the extended format output differs from ${input.prevTxid}:${input.vout}`);
  }
}

export type NodeVerdict =
  | { status: 'SEEN_ON_NETWORK' }
  | { status: 'DOUBLE_SPEND_ATTEMPTED'; competingTxs: string[] }
  | { status: 'REJECTED'; extraInfo: string };

/**
 * What the node says once ARC passed the transaction on: it enters the mempool, or it spends an
 * output already spent (double spend, reported with the spenders), or policy rejects it. An EF child
 * whose parent in the same request was refused has no parent now: 460, as in `admitToArc`.
 */
export function nodeVerdict(state: ChainState, tx: ParsedTx): NodeVerdict {
  if (tx.version !== 1 && tx.version !== 2) return { status: 'REJECTED', extraInfo: 'invalid transaction: version' };
  const competing = new Set<string>();
  for (const [index, input] of tx.inputs.entries()) {
    const entry = state.outputs.get(input.prevTxid, input.vout);
    if (!entry) throw new ArcError(460, 'parent transaction not found');
    checkSource(input, entry, index);
    if (entry.spentBy) competing.add(entry.spentBy);
  }
  return competing.size > 0 ? { status: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [...competing] } : { status: 'SEEN_ON_NETWORK' };
}
