import { isDataScript, type ParsedTx } from './tx-codec.ts';

export interface OutputEntry {
  satoshis: bigint;
  script: Buffer;
  /** The mempool or chain transaction spending it. */
  spentBy?: string;
}

export interface Outpoint {
  txid: string;
  vout: number;
}

/**
 * Every spendable output of the mempool and the active chain, spent ones included (so a double spend
 * can name its competitor), indexed by P2PKH key hash for the WhatsOnChain address lookups.
 */
export class OutputIndex {
  private readonly entries = new Map<string, OutputEntry>();
  private readonly byPubKeyHash = new Map<string, Set<string>>();

  get(txid: string, vout: number): OutputEntry | undefined {
    return this.entries.get(key(txid, vout));
  }

  spend(txid: string, vout: number, spender: string): OutputEntry {
    const entry = this.entries.get(key(txid, vout));
    if (!entry || entry.spentBy) throw new Error(`bsv-devnet: ${key(txid, vout)} is not spendable by ${spender}; the log is inconsistent`);
    entry.spentBy = spender;
    return entry;
  }

  unspend(txid: string, vout: number): void {
    const entry = this.entries.get(key(txid, vout));
    if (entry) delete entry.spentBy;
  }

  /** Data outputs can never be spent, so they are not kept. Scripts are copied off the request buffer. */
  addAll(tx: ParsedTx): void {
    for (const [vout, output] of tx.outputs.entries()) {
      if (isDataScript(output.script)) continue;
      const k = key(tx.txid, vout);
      this.entries.set(k, { satoshis: output.satoshis, script: Buffer.from(output.script) });
      const pkh = pubKeyHashOf(output.script);
      if (pkh) this.byPubKeyHash.set(pkh, (this.byPubKeyHash.get(pkh) ?? new Set()).add(k));
    }
  }

  removeAll(tx: ParsedTx): void {
    for (const [vout, output] of tx.outputs.entries()) {
      const k = key(tx.txid, vout);
      this.entries.delete(k);
      const pkh = pubKeyHashOf(output.script);
      if (pkh) this.byPubKeyHash.get(pkh)?.delete(k);
    }
  }

  /** Live outputs paying the key hash, spent ones with their spender. */
  byPubKeyHashWithSpender(pkh: string): Array<Outpoint & { satoshis: bigint; script: Buffer; spentBy?: string }> {
    const found: Array<Outpoint & { satoshis: bigint; script: Buffer; spentBy?: string }> = [];
    for (const k of this.byPubKeyHash.get(pkh) ?? []) {
      const entry = this.entries.get(k)!;
      const [txid, vout] = k.split(':');
      found.push({ txid: txid!, vout: Number(vout), satoshis: entry.satoshis, script: entry.script, ...(entry.spentBy ? { spentBy: entry.spentBy } : {}) });
    }
    return found;
  }
}

function key(txid: string, vout: number): string {
  return `${txid}:${vout}`;
}

/** `OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG` → the 20 bytes as hex. */
function pubKeyHashOf(script: Buffer): string | undefined {
  const p2pkh = script.length === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 && script[23] === 0x88 && script[24] === 0xac;
  return p2pkh ? script.subarray(3, 23).toString('hex') : undefined;
}
