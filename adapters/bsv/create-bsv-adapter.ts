import type { BatchRecord, ChainAdapter, Cost, FundingGrant, SignedTransaction, Utxo } from '../../core/adapter/index.ts';
import { arcClient } from './arc-client.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { resolveOptions, type BsvAdapterOptions } from './bsv-adapter-options.ts';
import { bsvAnchor } from './bsv-anchor.ts';
import { buildSignedTx, signedSizeBound, type BuiltTx } from './build-signed-tx.ts';
import { createBroadcaster } from './broadcaster.ts';
import { feePolicy } from './fee-policy.ts';
import { feeFor } from './fee-rate.ts';
import { readFundingKey } from './funding-key.ts';
import { checkpointScript, recordScript } from './record-script.ts';
import { splitOutputs } from './split-outputs.ts';
import { outputSize } from './tx-format.ts';
import { createStatus } from './tx-status.ts';
import { createUtxoFunding } from './utxo-funding.ts';
import { wocClient } from './woc-client.ts';

/**
 * Inputs an estimate pays for. The pool reserves its largest outputs first until they cover the
 * estimate, so one input is usual; the margin keeps a grant of several small outputs paying too.
 */
const ESTIMATE_INPUTS = 10;

/** The largest record output: an arweave-rsa-pss creator's 512-byte modulus and signature. */
const MAX_RECORD_BYTES = outputSize(
  recordScript({ recordId: '', digest: new Uint8Array(32), scheme: 'arweave-rsa-pss', publicKey: new Uint8Array(512), signature: new Uint8Array(512) }).length,
);

/**
 * The BSV adapter: one version-1 transaction per batch with a 0-satoshi OP_FALSE OP_RETURN output
 * per record (wire-format.md §3) and P2PKH change to the funding key, inputs signed natively;
 * broadcast through ARC (Extended Format) or WhatsOnChain; status from the same service.
 */
export function createBsvAdapter(input: BsvAdapterOptions): ChainAdapter {
  const options = resolveOptions(input);
  const key = readFundingKey(input.fundingKey, options.network);
  const arc = arcClient(options);
  const woc = wocClient(options);
  const feeRate = feePolicy(options, arc);
  const sender = createBroadcaster(options, arc, woc);

  const signed = (built: BuiltTx, locators: string[], change: number[]): SignedTransaction => {
    sender.remember(built.txid, built.sources);
    const utxos: Utxo[] = change.map((vout) => ({ txid: built.txid, vout, amount: built.outputs[vout]!.satoshis, lockingScript: key.lockingScript.toString('hex') }));
    return { txid: built.txid, raw: built.raw, fee: built.fee, locators, change: utxos };
  };

  const utxoInputs = (grant: FundingGrant): Utxo[] => {
    if (grant.model !== 'utxo') throw new BsvAdapterError(`BSV is funded with UTXOs, got a grant of model "${grant.model}"`);
    return grant.inputs;
  };

  const checkBatch = (batch: readonly BatchRecord[]): void => {
    if (batch.length === 0 || batch.length > options.maxRecordsPerTransaction) {
      throw new BsvAdapterError(`a batch holds 1 to ${options.maxRecordsPerTransaction} records, got ${batch.length}`);
    }
  };

  /** The fee of a transaction with these 0-satoshi data outputs and change, for reservation. */
  const estimateFor = async (scripts: readonly Buffer[]): Promise<Cost> => {
    const bytes = scripts.reduce((sum, script) => sum + outputSize(script.length), outputSize(key.lockingScript.length));
    return { amount: feeFor(signedSizeBound(ESTIMATE_INPUTS, { count: scripts.length + 1, bytes }), await feeRate()), unit: 'satoshi' };
  };

  /** One signed transaction with these 0-satoshi data outputs, in order (each located by its output index), and change. */
  const buildWith = async (scripts: readonly Buffer[], grant: FundingGrant): Promise<SignedTransaction> => {
    const inputs = utxoInputs(grant);
    const built = buildSignedTx({ inputs, outputs: scripts.map((script) => ({ satoshis: 0n, script })), key, feeRate: await feeRate() });
    return signed(built, scripts.map((_, vout) => String(vout)), built.changeVout === undefined ? [] : [built.changeVout]);
  };

  return {
    name: 'bsv',
    network: options.network,
    operatorAddress: key.address,
    capabilities: { maxRecordsPerTransaction: options.maxRecordsPerTransaction, maxRecordBytes: MAX_RECORD_BYTES, confirmationDepth: options.confirmationDepth },
    funding: createUtxoFunding(key, woc, async (inputs, count) => {
      const rate = await feeRate();
      const built = buildSignedTx({ inputs, outputs: splitOutputs(inputs, count, key, rate), key, feeRate: rate });
      return signed(built, [], built.outputs.map((_, vout) => vout));
    }),

    estimate: (batch) => estimateFor(batch.map(recordScript)),
    async build(batch, grant) {
      checkBatch(batch);
      return buildWith(batch.map(recordScript), grant);
    },
    // transparency-log.md §5: the checkpoint's output alone in its transaction, with change.
    checkpoints: {
      estimate: (checkpoint) => estimateFor([checkpointScript(checkpoint)]),
      build: (checkpoint, grant) => buildWith([checkpointScript(checkpoint)], grant),
    },

    broadcast: (tx) => sender.broadcast(tx),
    status: createStatus(options, arc, woc, input.callbackBook),
    anchor: (anchorInput) => bsvAnchor(options.network, anchorInput),
    health: () => arc.health(),
  };
}
