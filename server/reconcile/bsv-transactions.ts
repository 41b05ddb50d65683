import { createHash } from 'node:crypto';
import { readTx } from '../../adapters/bsv/read-tx.ts';
import type { TxParts } from '../../adapters/bsv/tx-format.ts';

/** `00 6a 08 "chainpub" 01 01` then a 32-byte push: every record output starts so (wire-format.md §3). */
const RECORD_PREFIX = Buffer.concat([Buffer.from([0x00, 0x6a, 0x08]), Buffer.from('chainpub', 'ascii'), Buffer.from([0x01, 0x01, 0x20])]);

/** A transaction as reconciliation reads it from the chain. */
export interface ChainTransaction {
  txid: string;
  raw: Buffer;
  parts: TxParts;
}

/** Reads transactions by id; undefined when the chain does not know one. */
export type TransactionReader = (txid: string) => Promise<ChainTransaction | undefined>;

/** BSV transactions from WhatsOnChain's API (`GET tx/{txid}/hex`), the node's own wocUrl or the dev profile's local node. */
export function wocTransactionReader(wocUrl: string): TransactionReader {
  return async (txid) => {
    const response = await fetch(`${wocUrl.replace(/\/$/, '')}/tx/${txid}/hex`, { signal: AbortSignal.timeout(30_000) });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`WhatsOnChain tx/${txid}/hex answered ${response.status}`);
    const raw = Buffer.from((await response.text()).trim(), 'hex');
    return { txid, raw, parts: readTx(raw) };
  };
}

/** The record outputs of a transaction: their locator (the output index, as the adapter gives it) and record id (the digest). */
export function recordOutputs(tx: TxParts): { locator: string; recordId: string }[] {
  return tx.outputs.flatMap((output, vout) =>
    output.script.length >= RECORD_PREFIX.length + 32 && output.script.subarray(0, RECORD_PREFIX.length).equals(RECORD_PREFIX)
      ? [{ locator: String(vout), recordId: output.script.subarray(RECORD_PREFIX.length, RECORD_PREFIX.length + 32).toString('hex') }]
      : [],
  );
}

/** Whether an input unlocks a P2PKH output of `lockingScript` (hex): its last push is the key whose hash160 the script holds. */
export function spendsKey(unlocking: Buffer, lockingScript: string): boolean {
  const pushes: Buffer[] = [];
  for (let pos = 0; pos < unlocking.length; ) {
    const length = unlocking[pos]!;
    if (length === 0 || length > 75) return false; // a signature and a key are direct pushes
    pushes.push(unlocking.subarray(pos + 1, pos + 1 + length));
    pos += 1 + length;
  }
  const key = pushes[pushes.length - 1];
  if (key === undefined) return false;
  const hash160 = createHash('ripemd160').update(createHash('sha256').update(key).digest()).digest('hex');
  return lockingScript === `76a914${hash160}88ac`;
}
