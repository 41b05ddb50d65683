import { BigNumber, LockingScript, Script, Signature, Spend, UnlockingScript, type Transaction } from '@bsv/sdk';
import { describe, expect, it } from 'vitest';
import { readTransaction } from '../../devnet/bsv/tx-codec.ts';
import { verifyScripts } from '../../devnet/bsv/verify-scripts.ts';
import { buildSpend, fundingLock } from './support/wallet.ts';

const input = { txid: '3c'.repeat(32), vout: 1, satoshis: 50_000 };
const spent = [{ satoshis: BigInt(input.satoshis), script: Buffer.from(fundingLock.toBinary()) }];
const ORDER = new BigNumber('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 16);

/** @bsv/sdk's own interpreter, unchanged, with the devnet's version-2 flags (no malleability rules). */
function sdkVerdict(tx: Transaction): boolean {
  try {
    return new Spend({
      sourceTXID: input.txid,
      sourceOutputIndex: input.vout,
      sourceSatoshis: input.satoshis,
      lockingScript: new LockingScript(fundingLock.chunks),
      transactionVersion: tx.version,
      otherInputs: [],
      outputs: tx.outputs,
      inputIndex: 0,
      unlockingScript: tx.inputs[0]!.unlockingScript!,
      inputSequence: tx.inputs[0]!.sequence!,
      lockTime: tx.lockTime,
      verifyFlags: ['UTXO_AFTER_CHRONICLE', 'SIGHASH_FORKID', 'STRICTENC', 'DERSIG'],
    }).validate();
  } catch {
    return false;
  }
}

function highS(tx: Transaction): Transaction {
  const [sig, key] = tx.inputs[0]!.unlockingScript!.chunks;
  const parsed = Signature.fromDER(sig!.data!.slice(0, -1));
  const der = new Signature(parsed.r, ORDER.sub(parsed.s)).toDER() as number[];
  tx.inputs[0]!.unlockingScript = new UnlockingScript(new Script().writeBin([...der, sig!.data!.at(-1)!]).writeBin(key!.data!).chunks);
  return tx;
}

describe('bsv devnet: script verification with native curve arithmetic', () => {
  it('agrees with @bsv/sdk’s unchanged interpreter on valid, tampered and high-S (version 2) signatures', async () => {
    const cases: Array<[string, Transaction, boolean]> = [
      ['valid', await buildSpend({ inputs: [input], records: 2, version: 2 }), true],
      ['natively signed', await buildSpend({ inputs: [input], records: 2, version: 2, nativeSigning: true }), true],
      ['high S, allowed from version 2', highS(await buildSpend({ inputs: [input], records: 1, version: 2 })), true],
    ];
    const tampered = await buildSpend({ inputs: [input], records: 2, version: 2 });
    tampered.outputs[0]!.satoshis = 1;
    cases.push(['tampered', tampered, false]);
    for (const [name, tx, valid] of cases) {
      expect([name, sdkVerdict(tx)]).toEqual([name, valid]);
      expect([name, verifyScripts(readTransaction(Buffer.from(tx.toBinary())), spent, 1e6) === undefined]).toEqual([name, valid]);
    }
  });
});
