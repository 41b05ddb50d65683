import type { OperatorTransaction } from '../../core/adapter/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import type { FundingKey } from './funding-key.ts';
import { readTx } from './read-tx.ts';
import { checkpointOutputs, recordOutputs } from './record-outputs.ts';
import { txidOf } from './tx-format.ts';
import type { WocClient } from './woc-client.ts';

/**
 * UtxoFunding.readTransaction: the transaction's bytes from WhatsOnChain (`tx/{txid}/hex`, the
 * adapter's own wocUrl), checked to hash to `txid`, then read as the funding key sees it: the
 * inputs it unlocked, the outputs locked to it, the record outputs and the checkpoint outputs.
 */
export function operatorTransactionReader(key: FundingKey, woc: WocClient): (txid: string) => Promise<OperatorTransaction | undefined> {
  const ours = key.lockingScript.toString('hex');
  return async (txid) => {
    const raw = await woc.txRaw(txid);
    if (raw === undefined) return undefined;
    if (txidOf(raw) !== txid.toLowerCase()) throw new BsvAdapterError(`WhatsOnChain tx/${txid}/hex answered the bytes of another transaction, ${txidOf(raw)}`, { details: { txid } });
    const parts = readTx(raw);
    return {
      txid: txid.toLowerCase(),
      raw,
      operatorInputs: parts.inputs.filter((input) => unlockedByKey(input.script, key.publicKey)).map((input) => ({ txid: input.prevTxid, vout: input.vout })),
      operatorOutputs: parts.outputs.flatMap((output, vout) => (output.script.toString('hex') === ours ? [{ txid: txid.toLowerCase(), vout, amount: output.satoshis, lockingScript: ours }] : [])),
      records: recordOutputs(parts),
      checkpoints: checkpointOutputs(parts),
    };
  };
}

/**
 * Whether an unlocking script is a P2PKH spend by the key: two direct pushes, a signature and the
 * key itself (what sign-inputs.ts writes). Other spends are not the operator's.
 */
function unlockedByKey(unlocking: Buffer, publicKey: Uint8Array): boolean {
  const pushes: Buffer[] = [];
  for (let pos = 0; pos < unlocking.length; ) {
    const length = unlocking[pos]!;
    if (length === 0 || length > 75 || pos + 1 + length > unlocking.length) return false;
    pushes.push(unlocking.subarray(pos + 1, pos + 1 + length));
    pos += 1 + length;
  }
  return pushes.length === 2 && pushes[1]!.equals(publicKey);
}
