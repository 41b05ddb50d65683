import { randomBytes } from 'node:crypto';
import { LockingScript, Transaction, TransactionSignature } from '@bsv/sdk';
import secp256k1 from 'secp256k1';
import { describe, expect, it } from 'vitest';
import { readFundingKey } from '../../../adapters/bsv/funding-key.ts';
import { readTx } from '../../../adapters/bsv/read-tx.ts';
import { forkIdPreimages } from '../../../adapters/bsv/sighash.ts';
import { serializeTx, txidOf, type TxOutput } from '../../../adapters/bsv/tx-format.ts';
import type { Utxo } from '../../../core/adapter/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { legacyScriptErrors } from '../../devnet-bsv/support/legacy-verify.ts';
import { offlineAdapter } from './support/offline-adapter.ts';

const HALF_ORDER = BigInt('0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0');

/** Parent transactions paying the funding key, so that bsv@1.5.6 can check spends of them offline. */
function parents(fundingKey: string, values: bigint[]): { utxos: Utxo[]; parentHex: Map<string, string> } {
  const script = readFundingKey(fundingKey, 'regtest').lockingScript;
  const parentHex = new Map<string, string>();
  const utxos = values.map((satoshis, i) => {
    const outputs: TxOutput[] = [{ satoshis: 1n, script }, { satoshis, script }];
    const raw = serializeTx({ version: 1, inputs: [{ prevTxid: randomBytes(32).toString('hex'), vout: i, script: Buffer.from([0x51]), sequence: 0xffffffff }], outputs, lockTime: 0 });
    parentHex.set(txidOf(raw), raw.toString('hex'));
    return { txid: txidOf(raw), vout: 1, amount: satoshis, lockingScript: script.toString('hex') };
  });
  return { utxos, parentHex };
}

describe('bsv adapter: operator signatures', () => {
  const { adapter, fundingKey } = offlineAdapter();
  const { utxos, parentHex } = parents(fundingKey, [5_000n, 70_000n, 123_456n]);

  it('computes the same FORKID sighash preimages as @bsv/sdk for every input', async () => {
    const tx = await adapter.build(batchRecords(3, ['bsv']), { model: 'utxo', inputs: utxos });
    const ours = forkIdPreimages(readTx(tx.raw), utxos.map((u) => ({ satoshis: u.amount, script: Buffer.from(u.lockingScript, 'hex') })));
    const sdk = Transaction.fromBinary(Array.from(tx.raw));
    sdk.inputs.forEach((input, i) => {
      const preimage = TransactionSignature.formatBytes({
        sourceTXID: input.sourceTXID!,
        sourceOutputIndex: input.sourceOutputIndex,
        sourceSatoshis: Number(utxos[i]!.amount),
        transactionVersion: sdk.version,
        otherInputs: sdk.inputs.filter((_, j) => j !== i),
        outputs: sdk.outputs,
        inputIndex: i,
        subscript: LockingScript.fromHex(utxos[i]!.lockingScript),
        inputSequence: input.sequence!,
        lockTime: sdk.lockTime,
        scope: TransactionSignature.SIGHASH_ALL | TransactionSignature.SIGHASH_FORKID,
      });
      expect(Buffer.from(ours[i]!).toString('hex')).toBe(Buffer.from(preimage).toString('hex'));
    });
  });

  it('signs every input low-S, SIGHASH_ALL|FORKID, and bsv@1.5.6’s interpreter accepts them under standard flags', async () => {
    const tx = await adapter.build(batchRecords(2, ['bsv']), { model: 'utxo', inputs: utxos });
    expect(legacyScriptErrors(Buffer.from(tx.raw).toString('hex'), (txid) => parentHex.get(txid)!)).toEqual([]);
    // The control: the same bytes with another lock time no longer match their signatures.
    const tampered = Buffer.from(tx.raw);
    tampered[tampered.length - 4] = 1;
    expect(legacyScriptErrors(tampered.toString('hex'), (txid) => parentHex.get(txid)!)).toHaveLength(utxos.length);
    for (const input of readTx(tx.raw).inputs) {
      const sigLength = input.script[0]!;
      const der = input.script.subarray(1, sigLength);
      expect(input.script[sigLength]).toBe(0x41);
      const compact = secp256k1.signatureImport(der);
      expect(BigInt(`0x${Buffer.from(compact.subarray(32)).toString('hex')}`) <= HALF_ORDER).toBe(true);
    }
  });

  it('signs deterministically: the same batch and grant give the same bytes', async () => {
    const batch = batchRecords(2, ['bsv']);
    const a = await adapter.build(batch, { model: 'utxo', inputs: utxos });
    const b = await adapter.build(batch, { model: 'utxo', inputs: utxos });
    expect(Buffer.from(a.raw).equals(Buffer.from(b.raw))).toBe(true);
  });

  it('refuses inputs it cannot sign for and grants that cannot pay', async () => {
    const batch = batchRecords(1, ['bsv']);
    const foreign = { ...utxos[0]!, lockingScript: `76a914${'00'.repeat(20)}88ac` };
    await expect(adapter.build(batch, { model: 'utxo', inputs: [foreign] })).rejects.toThrow(/^bsv: input .* is not a P2PKH output of the funding key$/);
    await expect(adapter.build(batch, { model: 'utxo', inputs: [] })).rejects.toThrow('bsv: a transaction needs at least one funding input');
    await expect(adapter.build(batch, { model: 'account', amount: 5n })).rejects.toMatchObject({ name: 'BsvAdapterError' });
    const rich = offlineAdapter({ fundingKey, feeRateSatPerKb: 1000 });
    await expect(rich.adapter.build(batch, { model: 'utxo', inputs: [{ ...utxos[0]!, amount: 10n }] })).rejects.toThrow(/^bsv: the funding inputs hold 10 satoshis, short of \d+/);
  });
});
