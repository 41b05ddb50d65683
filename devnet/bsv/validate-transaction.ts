import { ArcError } from './arc-errors.ts';
import { bsvPerKb, MAX_SATOSHIS, MIN_TX_SIZE, minimumFee, type DevnetPolicy } from './policy.ts';
import { isDataScript, NULL_HASH, type ParsedTx, type TxOutput } from './tx-codec.ts';
import { verifyScripts } from './verify-scripts.ts';

/**
 * ARC's own checks, in ARC's order (internal/validator: CommonValidateTransaction, then the fee, then
 * the scripts), given the outputs the inputs spend. Throws the ArcError ARC would answer with.
 * Messages follow ARC's (Go's errors.Join puts a newline between the parts).
 */
export function validateTransaction(tx: ParsedTx, spent: TxOutput[], policy: DevnetPolicy): void {
  const size = tx.raw.length;
  if (tx.inputs.length === 0 || tx.outputs.length === 0) throw new ArcError(462, 'transaction has no inputs or outputs');
  if (size > policy.maxTxSizePolicy) {
    throw new ArcError(474, `transaction size in bytes is greater than ${policy.maxTxSizePolicy} bytes`);
  }
  checkInputs(tx, spent);
  checkOutputs(tx);
  if (size < MIN_TX_SIZE) throw new ArcError(463, `transaction size in bytes is less than ${MIN_TX_SIZE} bytes`);
  checkPushOnly(tx);
  checkFee(tx, spent, policy.minFeeSatPerKb);
  const scriptError = verifyScripts(tx, spent, policy.maxScriptSizePolicy);
  if (scriptError) throw new ArcError(461, `script execution failed\n${scriptError}`);
}

function checkInputs(tx: ParsedTx, spent: TxOutput[]): void {
  let total = 0n;
  for (const [index, input] of tx.inputs.entries()) {
    if (input.prevTxid === NULL_HASH) throw new ArcError(462, `transaction input is invalid\ninput ${index} is a coinbase input`);
    const satoshis = spent[index]!.satoshis;
    if (satoshis > MAX_SATOSHIS) throw new ArcError(462, `transaction input is invalid\ninput ${index} satoshis is too high`);
    total += satoshis;
  }
  if (total > MAX_SATOSHIS) throw new ArcError(462, 'transaction input is invalid\ninput total satoshis is too high');
}

/** Dust is anything under 1 satoshi (ARC's DustLimit); data outputs must carry exactly 0. */
function checkOutputs(tx: ParsedTx): void {
  let total = 0n;
  for (const [index, output] of tx.outputs.entries()) {
    const data = isDataScript(output.script);
    if (!data && (output.satoshis > MAX_SATOSHIS || output.satoshis < 1n)) {
      throw new ArcError(464, `transaction output is invalid\noutput ${index} satoshis is invalid`);
    }
    if (data && output.satoshis !== 0n) {
      throw new ArcError(464, `transaction output is invalid\noutput ${index} has non 0 value op return`);
    }
    total += output.satoshis;
  }
  if (total > MAX_SATOSHIS) throw new ArcError(464, 'transaction output is invalid\noutput total satoshis is too high');
}

/** Before Chronicle's version-2 relaxation, unlocking scripts may only push data. */
function checkPushOnly(tx: ParsedTx): void {
  if (tx.version >= 2) return;
  for (const [index, input] of tx.inputs.entries()) {
    if (!isPushOnly(input.script)) {
      throw new ArcError(463, `transaction input unlocking script is not push only\ninput: ${index}`);
    }
  }
}

function checkFee(tx: ParsedTx, spent: TxOutput[], satPerKb: number): void {
  const expected = minimumFee(tx.raw.length, bsvPerKb(satPerKb));
  const totalIn = spent.reduce((sum, o) => sum + o.satoshis, 0n);
  const totalOut = tx.outputs.reduce((sum, o) => sum + o.satoshis, 0n);
  const paid = totalIn >= totalOut ? totalIn - totalOut : 0n;
  if (totalIn < totalOut || paid < expected) {
    throw new ArcError(465, `transaction fee is too low\nminimum expected fee: ${expected}, actual fee: ${paid}`);
  }
}

/** Opcodes up to OP_16 only; a truncated push is not a valid push either. */
function isPushOnly(script: Buffer): boolean {
  let pos = 0;
  while (pos < script.length) {
    const op = script[pos++]!;
    if (op > 0x60) return false;
    const width = op === 0x4c ? 1 : op === 0x4d ? 2 : op === 0x4e ? 4 : 0;
    if (pos + width > script.length) return false;
    const length = width > 0 ? script.readUIntLE(pos, width) : op <= 0x4b ? op : 0;
    pos += width + length;
    if (pos > script.length) return false;
  }
  return true;
}
