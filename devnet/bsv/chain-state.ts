import type { TxStatus } from './arc-status.ts';
import { blockWork, headerHash, serializeHeader, type HeaderFields } from './block-header.ts';
import type { BlockEvent, CallbackTarget, ChainEvent, ReorgEvent, TxEvent } from './chain-events.ts';
import { merkleLevels, merkleRootHex } from './merkle.ts';
import { OutputIndex } from './output-index.ts';
import { NULL_HASH, readTransaction, varintSize } from './tx-codec.ts';

export interface Block {
  height: number;
  hash: string;
  header: HeaderFields;
  size: number;
  /** Coinbase first. */
  txids: string[];
  levels: Buffer[][];
  chainwork: bigint;
  /** False once a reorg replaced it. */
  active: boolean;
}

export interface TxRecord {
  txid: string;
  raw: Buffer;
  status: TxStatus;
  /** Where it was mined: the active block when MINED, the replaced one when MINED_IN_STALE_BLOCK. */
  block?: { block: Block; index: number };
  competingTxs: string[];
  extraInfo: string;
  callbacks: CallbackTarget[];
  /** Its outputs exist: it is in the mempool or in the active chain. */
  live: boolean;
  /** Taken off the network by a reorg (dropped, or a descendant of a dropped one): a rebroadcast is validated again. */
  evicted: boolean;
  /** Inputs minus outputs; what the coinbase collects. */
  fee: bigint;
  /** ARC received it (`POST /v1/tx(s)`): only then does ARC's `GET /v1/tx/{txid}` know it. */
  arcKnows: boolean;
}

/**
 * The chain, the mempool, every known transaction and the output set, changed only by `apply`.
 * Deliberately trusting: events were validated before they were logged.
 */
export class ChainState {
  readonly txs = new Map<string, TxRecord>();
  readonly outputs = new OutputIndex();
  /** Insertion order is a valid mining order: parents are accepted before children. */
  mempool = new Map<string, TxRecord>();
  readonly chain: Block[] = [];
  readonly blocksByHash = new Map<string, Block>();
  /** Stored double spends, rejected once one of their competitors is mined. */
  private readonly doubleSpends = new Set<string>();

  tip(): Block | undefined {
    return this.chain[this.chain.length - 1];
  }

  /** `roots` and every transaction spending their outputs, directly or not. */
  withDescendants(roots: string[]): Set<string> {
    const found = new Set<string>();
    const visit = (txid: string): void => {
      if (found.has(txid)) return;
      found.add(txid);
      for (const vout of readTransaction(this.txs.get(txid)!.raw).outputs.keys()) {
        const child = this.outputs.get(txid, vout)?.spentBy;
        if (child) visit(child);
      }
    };
    roots.forEach(visit);
    return found;
  }

  /** Snapshots of the records whose status changed, in order, for callbacks and waiting requests. */
  apply(event: ChainEvent): TxRecord[] {
    switch (event.e) {
      case 'block':
        return this.applyBlock(event);
      case 'tx':
        return this.applyTx(event);
      case 'callback': {
        this.txs.get(event.txid)?.callbacks.push(event.callback);
        return [];
      }
      case 'arc-seen': {
        const rec = this.txs.get(event.txid);
        if (rec) rec.arcKnows = true;
        return [];
      }
      case 'reorg':
        return this.applyReorg(event);
    }
  }

  private applyTx(event: TxEvent): TxRecord[] {
    const tx = readTransaction(Buffer.from(event.hex, 'hex'));
    const rec: TxRecord = this.txs.get(tx.txid) ?? {
      txid: tx.txid,
      raw: tx.raw,
      status: event.status,
      competingTxs: [],
      extraInfo: '',
      callbacks: [],
      live: false,
      evicted: false,
      fee: 0n,
      arcKnows: false,
    };
    if (event.via !== 'woc') rec.arcKnows = true;
    Object.assign(rec, { status: event.status, competingTxs: event.competingTxs, extraInfo: event.extraInfo, evicted: false });
    delete rec.block;
    rec.callbacks.push(...event.callbacks.filter((c) => !hasCallback(rec, c)));
    this.txs.set(rec.txid, rec);
    const changed: TxRecord[] = [];
    if (event.wins) for (const id of event.competingTxs) this.displace(this.txs.get(id)!, changed);
    if (event.status === 'SEEN_ON_NETWORK' || event.wins) {
      let totalIn = 0n;
      for (const input of tx.inputs) totalIn += this.outputs.spend(input.prevTxid, input.vout, tx.txid).satoshis;
      this.outputs.addAll(tx);
      rec.fee = totalIn - tx.outputs.reduce((sum, o) => sum + o.satoshis, 0n);
      rec.live = true;
      this.mempool.set(rec.txid, rec);
      this.doubleSpends.delete(rec.txid);
    }
    if (event.status === 'DOUBLE_SPEND_ATTEMPTED') {
      if (!event.wins) this.doubleSpends.add(rec.txid);
      // ARC marks the unmined transaction it competes with as a double spend attempt too.
      for (const other of event.competingTxs.map((id) => this.txs.get(id))) {
        if (other?.status !== 'SEEN_ON_NETWORK' && other?.status !== 'DOUBLE_SPEND_ATTEMPTED') continue;
        other.status = 'DOUBLE_SPEND_ATTEMPTED';
        if (!other.competingTxs.includes(rec.txid)) other.competingTxs.push(rec.txid);
        changed.push(snapshot(other));
      }
    }
    return [snapshot(rec), ...changed];
  }

  private applyBlock(event: BlockEvent): TxRecord[] {
    const prev = this.tip();
    if (event.prevHash !== (prev?.hash ?? NULL_HASH)) {
      throw new Error(`bsv-devnet: block event builds on ${event.prevHash}, but the tip is ${prev?.hash ?? 'empty'}`);
    }
    const coinbase = readTransaction(Buffer.from(event.coinbase, 'hex'));
    const txids = [coinbase.txid, ...event.txids];
    const levels = merkleLevels(txids);
    const { version, prevHash, time, bits, nonce } = event;
    const header: HeaderFields = { version, prevHash, merkleRoot: merkleRootHex(levels), time, bits, nonce };
    const block: Block = {
      height: this.chain.length,
      hash: headerHash(serializeHeader(header)),
      header,
      size: 80 + varintSize(txids.length) + coinbase.raw.length,
      txids,
      levels,
      chainwork: (prev?.chainwork ?? 0n) + blockWork(event.bits),
      active: true,
    };
    this.chain.push(block);
    this.blocksByHash.set(block.hash, block);
    this.outputs.addAll(coinbase);
    const base = { competingTxs: [], extraInfo: '', callbacks: [], live: true, evicted: false, fee: 0n, arcKnows: false };
    this.txs.set(coinbase.txid, { ...base, txid: coinbase.txid, raw: coinbase.raw, status: 'MINED', block: { block, index: 0 } });

    const changed: TxRecord[] = [];
    for (const [i, txid] of event.txids.entries()) {
      const rec = this.mempool.get(txid);
      if (!rec) throw new Error(`bsv-devnet: block ${block.hash} includes ${txid}, which is not in the mempool`);
      this.mempool.delete(txid);
      if (rec.status === 'DOUBLE_SPEND_ATTEMPTED') rec.extraInfo = 'previously double spend attempted';
      rec.status = 'MINED';
      rec.block = { block, index: i + 1 };
      block.size += rec.raw.length;
      changed.push(snapshot(rec));
    }
    for (const txid of this.doubleSpends) {
      const rec = this.txs.get(txid)!;
      if (!rec.competingTxs.some((id) => this.txs.get(id)?.status === 'MINED')) continue;
      Object.assign(rec, { status: 'REJECTED', extraInfo: 'double spend attempted' });
      this.doubleSpends.delete(txid);
      changed.push(snapshot(rec));
    }
    return changed;
  }

  /**
   * The replaced blocks' transactions go back to the mempool ahead of what was there (they are its
   * ancestors), marked MINED_IN_STALE_BLOCK until a new block includes them again.
   */
  private applyReorg(event: ReorgEvent): TxRecord[] {
    const replaced = this.chain.splice(this.chain.length - event.depth);
    const changed: TxRecord[] = [];
    const back: Array<[string, TxRecord]> = [];
    for (const block of replaced) {
      block.active = false;
      const [coinbase, ...rest] = block.txids.map((id) => this.txs.get(id)!);
      coinbase!.status = 'MINED_IN_STALE_BLOCK';
      this.remove(coinbase!, changed);
      for (const rec of rest) {
        rec.status = 'MINED_IN_STALE_BLOCK';
        back.push([rec.txid, rec]);
        changed.push(snapshot(rec));
      }
    }
    this.mempool = new Map([...back, ...this.mempool]);
    for (const txid of event.drop) this.remove(this.txs.get(txid)!, changed);
    for (const block of event.blocks) changed.push(...this.applyBlock(block));
    return changed;
  }

  /**
   * A mempool transaction losing its place to a competitor the miner prefers: its inputs are free
   * for the winner, it waits as a stored double spend (rejected once the winner is mined), and what
   * spends its outputs leaves the network.
   */
  private displace(rec: TxRecord, changed: TxRecord[]): void {
    if (!rec.live || rec.status === 'MINED') return;
    this.detach(rec, changed);
    rec.live = false;
    this.doubleSpends.add(rec.txid);
  }

  /** Frees a transaction's inputs and outputs and leaves the mempool; what spends its outputs is removed. */
  private detach(rec: TxRecord, changed: TxRecord[]): void {
    const tx = readTransaction(rec.raw);
    for (const vout of tx.outputs.keys()) {
      const child = this.outputs.get(rec.txid, vout)?.spentBy;
      if (child) this.remove(this.txs.get(child)!, changed);
    }
    for (const input of tx.inputs) this.outputs.unspend(input.prevTxid, input.vout);
    this.outputs.removeAll(tx);
    this.mempool.delete(rec.txid);
  }

  /** Takes a transaction and everything spending its outputs off the network. */
  private remove(rec: TxRecord, changed: TxRecord[]): void {
    if (!rec.live) return; // already gone with an ancestor named in the same drop list
    this.detach(rec, changed);
    Object.assign(rec, { live: false, evicted: true });
    if (rec.status !== 'MINED_IN_STALE_BLOCK') {
      Object.assign(rec, { status: 'REJECTED', extraInfo: 'dropped from the network by a devnet reorg' });
      changed.push(snapshot(rec));
    }
  }
}

/** A record as it is now; the block and status of the live record move on. */
function snapshot(rec: TxRecord): TxRecord {
  return { ...rec, competingTxs: [...rec.competingTxs] };
}

export function hasCallback(rec: TxRecord, c: CallbackTarget): boolean {
  return rec.callbacks.some((x) => x.url === c.url && x.token === c.token);
}
