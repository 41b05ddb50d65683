import type { Utxo } from '../../core/adapter/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { signedSizeBound } from './build-signed-tx.ts';
import { feeFor, type FeeRate } from './fee-rate.ts';
import type { FundingKey } from './funding-key.ts';
import { outputSize, type TxOutput } from './tx-format.ts';

/** One fan-out transaction stays far below ARC's and miners' size limits. */
const MAX_SPLIT = 100_000;

/**
 * The `count` equal P2PKH outputs of a fan-out to the funding key. Each is a (count + 1)th of what
 * the inputs hold after the fee, so the change output that buildSignedTx adds gets about as much
 * (plus the rounding), and the pool gains count + 1 outputs of about equal value.
 */
export function splitOutputs(inputs: readonly Utxo[], count: number, key: FundingKey, rate: FeeRate): TxOutput[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SPLIT) throw new BsvAdapterError(`a split needs a count from 1 to ${MAX_SPLIT}, got ${count}`);
  const total = inputs.reduce((sum, u) => sum + u.amount, 0n);
  const outputs = count + 1;
  const fee = feeFor(signedSizeBound(inputs.length, { count: outputs, bytes: outputs * outputSize(key.lockingScript.length) }), rate);
  const each = (total - fee) / BigInt(outputs);
  if (each < 1n) throw new BsvAdapterError(`${total} satoshis cannot be split into ${outputs} outputs after a fee of ${fee}`);
  return Array.from({ length: count }, () => ({ satoshis: each, script: key.lockingScript }));
}
