import type { Utxo } from '../../core/adapter/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { feeFor, type FeeRate } from './fee-rate.ts';
import type { FundingKey } from './funding-key.ts';
import { P2PKH_UNLOCK_MAX_BYTES, signInputs } from './sign-inputs.ts';
import { outputSize, serializeTx, txidOf, varintSize, type TxOutput, type TxParts } from './tx-format.ts';

export interface BuiltTx {
  txid: string;
  raw: Buffer;
  /** The output each input spends, in input order: what the Extended Format carries. */
  sources: TxOutput[];
  /** Inputs minus outputs. */
  fee: bigint;
  /** The change output's index, when there is one (last). */
  changeVout?: number;
  outputs: TxOutput[];
}

/** Sizes of one signed P2PKH input at its largest: outpoint, script length, unlocking script, sequence. */
const INPUT_MAX_BYTES = 36 + varintSize(P2PKH_UNLOCK_MAX_BYTES) + P2PKH_UNLOCK_MAX_BYTES + 4;
const P2PKH_SCRIPT_BYTES = 25;

/**
 * The largest size the signed transaction can have (DER signatures vary by a byte or two), so a
 * fee computed from it always meets the rate for the real size.
 */
export function signedSizeBound(inputCount: number, outputs: { count: number; bytes: number }): number {
  return 4 + varintSize(inputCount) + inputCount * INPUT_MAX_BYTES + varintSize(outputs.count) + outputs.bytes + 4;
}

/**
 * A version-1 transaction spending `inputs` (P2PKH outputs of the funding key) to `outputs`, plus
 * a P2PKH change output to the funding key with whatever the fee leaves, signed. When the change
 * would be under 1 satoshi (ARC's dust limit) there is none and the rest goes to the fee.
 */
export function buildSignedTx(params: { inputs: readonly Utxo[]; outputs: readonly TxOutput[]; key: FundingKey; feeRate: FeeRate }): BuiltTx {
  const { inputs, key, feeRate: rate } = params;
  if (inputs.length === 0) throw new BsvAdapterError('a transaction needs at least one funding input');
  const ours = key.lockingScript.toString('hex');
  for (const utxo of inputs) {
    if (utxo.lockingScript.toLowerCase() !== ours) throw new BsvAdapterError(`input ${utxo.txid}:${utxo.vout} is not a P2PKH output of the funding key`);
    if (utxo.amount < 1n) throw new BsvAdapterError(`input ${utxo.txid}:${utxo.vout} has ${utxo.amount} satoshis`);
  }
  const totalIn = inputs.reduce((sum, u) => sum + u.amount, 0n);
  const totalOut = params.outputs.reduce((sum, o) => sum + o.satoshis, 0n);
  const bytes = params.outputs.reduce((sum, o) => sum + outputSize(o.script.length), 0);
  const count = params.outputs.length;

  const withChange = feeFor(signedSizeBound(inputs.length, { count: count + 1, bytes: bytes + outputSize(P2PKH_SCRIPT_BYTES) }), rate);
  const change = totalIn - totalOut - withChange;
  const outputs = change >= 1n ? [...params.outputs, { satoshis: change, script: key.lockingScript }] : [...params.outputs];
  if (change < 1n) {
    const without = feeFor(signedSizeBound(inputs.length, { count, bytes }), rate);
    if (totalIn - totalOut < without) {
      throw new BsvAdapterError(`the funding inputs hold ${totalIn} satoshis, short of ${totalOut + without} (outputs ${totalOut} + fee ${without})`, {
        details: { available: totalIn.toString(), needed: (totalOut + without).toString() },
      });
    }
  }

  const sources = inputs.map((u) => ({ satoshis: u.amount, script: key.lockingScript }));
  const unsigned: TxParts = {
    version: 1,
    inputs: inputs.map((u) => ({ prevTxid: u.txid, vout: u.vout, script: Buffer.alloc(0), sequence: 0xffffffff })),
    outputs,
    lockTime: 0,
  };
  const raw = serializeTx(signInputs(unsigned, sources, key));
  return {
    txid: txidOf(raw),
    raw,
    sources,
    fee: totalIn - totalOut - (change >= 1n ? change : 0n),
    ...(change >= 1n ? { changeVout: outputs.length - 1 } : {}),
    outputs,
  };
}
