import {
  LockingScript,
  Spend,
  TransactionSignature,
  UnlockingScript,
  type PublicKey,
  type Script,
  type TransactionInput,
  type TransactionOutput,
} from '@bsv/sdk';
import secp256k1 from 'secp256k1';
import { sha256d, type ParsedTx, type TxOutput } from './tx-codec.ts';

/** Chronicle relaxes these malleability rules for transactions of version 2 and above. */
const MALLEABILITY = ['LOW_S', 'NULLFAIL', 'NULLDUMMY', 'MINIMALDATA', 'SIGPUSHONLY', 'CLEANSTACK'];
/**
 * Every UTXO counts as created after Chronicle, as ARC assumes (it passes the Chronicle fork height as
 * every input's UTXO height); signatures must commit with SIGHASH_FORKID and be strictly DER-encoded.
 */
const BASE = ['UTXO_AFTER_CHRONICLE', 'SIGHASH_FORKID', 'STRICTENC', 'DERSIG'];

/**
 * Runs every input through @bsv/sdk's interpreter. Returns why the first failing input fails, or
 * undefined when all of them unlock their outputs.
 */
export function verifyScripts(tx: ParsedTx, spent: TxOutput[], maxScriptSize: number): string | undefined {
  const flags = tx.version >= 2 ? BASE : [...BASE, ...MALLEABILITY];
  const outputs: TransactionOutput[] = tx.outputs.map((o) => ({ satoshis: Number(o.satoshis), lockingScript: lazyLocking(o.script) }));
  const inputs: TransactionInput[] = tx.inputs.map((i) => ({
    sourceTXID: i.prevTxid,
    sourceOutputIndex: i.vout,
    sequence: i.sequence,
    unlockingScript: new UnlockingScript([], i.script, undefined, false),
  }));
  for (const [index, input] of tx.inputs.entries()) {
    const prev = spent[index]!;
    if (input.script.length > maxScriptSize || prev.script.length > maxScriptSize) {
      return `input ${index}: script larger than maxscriptsizepolicy (${maxScriptSize} bytes)`;
    }
    const spend = new NativeCurveSpend({
      sourceTXID: input.prevTxid,
      sourceOutputIndex: input.vout,
      sourceSatoshis: Number(prev.satoshis),
      lockingScript: lazyLocking(prev.script),
      transactionVersion: tx.version,
      otherInputs: inputs.filter((_, j) => j !== index),
      outputs,
      inputIndex: index,
      unlockingScript: inputs[index]!.unlockingScript!,
      inputSequence: input.sequence,
      lockTime: tx.lockTime,
      verifyFlags: flags,
    });
    try {
      if (!spend.validate()) return `input ${index}: script evaluated to false`;
    } catch (error) {
      // The SDK appends stack dumps after the first line; the first line says what failed.
      return `input ${index}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
    }
  }
  return undefined;
}

/**
 * @bsv/sdk's interpreter with one change: OP_CHECKSIG's curve arithmetic runs in native libsecp256k1
 * (the `secp256k1` package). The SDK's JavaScript takes ~5 ms a signature, so a block of thousands of
 * transactions would stall the devnet for seconds. The flags, encoding rules and sighash preimage stay
 * the SDK's. Spend declares `verifySignature` private, hence the prototype assignment.
 */
class NativeCurveSpend extends Spend {}

/** The SIGHASH_SINGLE-without-output bug signs the number 1 (as bytes, little-endian). */
const OTDA_SINGLE_BUG_DIGEST = Uint8Array.from([1, ...Array<number>(31).fill(0)]);

/** Spend's public fields plus the private sighash cache its own verifySignature passes on. */
type SpendInternals = { [K in keyof Spend]: Spend[K] } & {
  sigHashCache: NonNullable<Parameters<typeof TransactionSignature.formatBytes>[0]['cache']>;
};

Object.assign(NativeCurveSpend.prototype, {
  verifySignature(this: SpendInternals, sig: TransactionSignature, pubkey: PublicKey, subscript: Script): boolean {
    const params = {
      sourceTXID: this.sourceTXID,
      sourceOutputIndex: this.sourceOutputIndex,
      sourceSatoshis: this.sourceSatoshis,
      transactionVersion: this.transactionVersion,
      otherInputs: this.otherInputs,
      outputs: this.outputs,
      inputIndex: this.inputIndex,
      subscript,
      inputSequence: this.inputSequence,
      lockTime: this.lockTime,
      scope: sig.scope,
      cache: this.sigHashCache,
    };
    const digest = TransactionSignature.usesOtdaSingleBug(params) ? OTDA_SINGLE_BUG_DIGEST : sha256d(Buffer.from(TransactionSignature.formatBytes(params)));
    try {
      // libsecp256k1 verifies low-S only; whether high S is allowed was decided by the flags already.
      const compact = secp256k1.signatureNormalize(Uint8Array.from([...sig.r.toArray('be', 32), ...sig.s.toArray('be', 32)]));
      return secp256k1.ecdsaVerify(compact, digest, Uint8Array.from(pubkey.encode(true) as number[]));
    } catch {
      return false; // r or s out of range
    }
  },
});

/** Parsed only if the interpreter reads it; serializing for the sighash reuses the bytes. */
function lazyLocking(script: Buffer): LockingScript {
  return new LockingScript([], script, undefined, false);
}
