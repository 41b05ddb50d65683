import { Hash, LockingScript, OP, P2PKH, PrivateKey, Script, Transaction, TransactionSignature, UnlockingScript, type ScriptTemplateUnlock } from '@bsv/sdk';
import secp256k1 from 'secp256k1';

/** The funded test key (regtest uses testnet addresses). */
export const fundingKey = PrivateKey.fromHex('5a'.repeat(32));
export const fundingAddress = fundingKey.toAddress('testnet');
export const fundingLock = new P2PKH().lock(fundingAddress);
const fundingPubKey = fundingKey.toPublicKey().encode(true) as number[];

export interface Utxo {
  txid: string;
  vout: number;
  satoshis: number;
}

export interface SpendPlan {
  inputs: Utxo[];
  /** How many `OP_FALSE OP_RETURN` 0-satoshi outputs (a batch of records). */
  records?: number;
  /** Extra outputs, e.g. a non-zero OP_RETURN or dust, placed before the change. */
  extra?: Array<{ satoshis: number; lockingScript: LockingScript }>;
  /** Paid on top of the fee at 1 sat/kB, or subtracted when negative. */
  feeAdjust?: number;
  version?: number;
  /**
   * Sign with libsecp256k1 (the `secp256k1` package) over the SDK's sighash preimage: the SDK's
   * JavaScript signing takes ~25 ms a signature, too slow to build a thousand transactions.
   */
  nativeSigning?: boolean;
}

/** P2PKH's largest unlocking script: push of a 73-byte signature, push of a 33-byte key. */
const UNLOCK_BYTES = 108;
const FORKID_ALL = TransactionSignature.SIGHASH_ALL | TransactionSignature.SIGHASH_FORKID;

/**
 * A batch transaction as the publisher builds it (wire-format §3): P2PKH inputs signed
 * SIGHASH_ALL|FORKID with low S, version 1, `records` 0-satoshi OP_FALSE OP_RETURN outputs and a
 * P2PKH change output paying the rest minus 1 sat/kB of the largest size the signatures can give.
 */
export async function buildSpend(plan: SpendPlan): Promise<Transaction> {
  const tx = new Transaction();
  tx.version = plan.version ?? 1;
  for (const utxo of plan.inputs) {
    tx.addInput({
      sourceTXID: utxo.txid,
      sourceOutputIndex: utxo.vout,
      unlockingScriptTemplate: plan.nativeSigning ? nativeUnlock(utxo.satoshis) : new P2PKH().unlock(fundingKey, 'all', false, utxo.satoshis, fundingLock),
      sequence: 0xffffffff,
    });
  }
  for (let i = 0; i < (plan.records ?? 0); i++) tx.addOutput({ satoshis: 0, lockingScript: recordScript(i) });
  for (const output of plan.extra ?? []) tx.addOutput(output);
  const totalIn = plan.inputs.reduce((sum, u) => sum + u.satoshis, 0);
  tx.addOutput({ satoshis: 0, lockingScript: fundingLock });
  const fee = Math.ceil(maxSize(tx) / 1000) + (plan.feeAdjust ?? 0);
  tx.outputs[tx.outputs.length - 1]!.satoshis = totalIn - (plan.extra ?? []).reduce((sum, o) => sum + o.satoshis, 0) - fee;
  await tx.sign();
  return tx;
}

function maxSize(tx: Transaction): number {
  const varint = (n: number) => (n < 0xfd ? 1 : n <= 0xffff ? 3 : 5);
  const outputs = tx.outputs.reduce((sum, o) => sum + 8 + varint(o.lockingScript.toBinary().length) + o.lockingScript.toBinary().length, 0);
  return 8 + varint(tx.inputs.length) + tx.inputs.length * (40 + 1 + UNLOCK_BYTES) + varint(tx.outputs.length) + outputs;
}

function nativeUnlock(sourceSatoshis: number): ScriptTemplateUnlock {
  const secret = Uint8Array.from(fundingKey.toArray('be', 32));
  return {
    estimateLength: async () => UNLOCK_BYTES,
    sign: async (tx, inputIndex) => {
      const input = tx.inputs[inputIndex]!;
      const preimage = TransactionSignature.formatBytes({
        sourceTXID: input.sourceTXID!,
        sourceOutputIndex: input.sourceOutputIndex,
        sourceSatoshis,
        transactionVersion: tx.version,
        otherInputs: tx.inputs.filter((_, i) => i !== inputIndex),
        outputs: tx.outputs,
        inputIndex,
        subscript: fundingLock,
        inputSequence: input.sequence ?? 0xffffffff,
        lockTime: tx.lockTime,
        scope: FORKID_ALL,
      });
      const { signature } = secp256k1.ecdsaSign(Uint8Array.from(Hash.hash256(Array.from(preimage))), secret);
      return new UnlockingScript(new Script().writeBin([...secp256k1.signatureExport(signature), FORKID_ALL]).writeBin(fundingPubKey).chunks);
    },
  };
}

/** The EF (BRC-30) hex of a signed `buildSpend` transaction: each input carries the output it spends. */
export function toEF(tx: Transaction, spent: Utxo[]): string {
  tx.inputs.forEach((input, i) => {
    const source = new Transaction();
    source.outputs = Array(spent[i]!.vout + 1).fill(null);
    source.outputs[spent[i]!.vout] = { satoshis: spent[i]!.satoshis, lockingScript: fundingLock };
    input.sourceTransaction = source;
  });
  return tx.toHexEF();
}

/** wire-format §3: OP_FALSE OP_RETURN "chainpub" 0x01 <digest> "secp256k1" <creator key> <creator signature>. */
export function recordScript(i: number): LockingScript {
  const digest = Buffer.alloc(32);
  digest.writeUInt32BE(i);
  const script = new Script()
    .writeOpCode(OP.OP_FALSE)
    .writeOpCode(OP.OP_RETURN)
    .writeBin([...Buffer.from('chainpub')])
    .writeBin([0x01])
    .writeBin([...digest])
    .writeBin([...Buffer.from('secp256k1')])
    .writeBin(fundingPubKey)
    .writeBin([...Buffer.alloc(64, 7)]);
  return new LockingScript(script.chunks);
}

/** The change output of a `buildSpend` transaction, to chain the next spend on. */
export function changeOf(tx: Transaction): Utxo {
  const vout = tx.outputs.length - 1;
  return { txid: tx.id('hex'), vout, satoshis: tx.outputs[vout]!.satoshis! };
}
