import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { admitToArc, nodeVerdict, type NodeVerdict } from './admission.ts';
import { ArcError, type ArcProblem } from './arc-errors.ts';
import { reaches, TX_STATUS, type TxStatus } from './arc-status.ts';
import { buildBlock, feePayout, type BlockParent } from './block-builder.ts';
import type { BlockEvent, CallbackTarget, ChainEvent } from './chain-events.ts';
import { hasCallback, type Block, type ChainState, type TxRecord } from './chain-state.ts';
import type { CallbackSender } from './callback-sender.ts';
import { BsvDevnetError } from './errors.ts';
import type { EventLog } from './event-log.ts';
import type { DevnetPolicy } from './policy.ts';
import type { ParsedTx } from './tx-codec.ts';
import { txView, type TxView } from './tx-view.ts';

export interface SubmitOptions {
  callback?: CallbackTarget;
  /** X-WaitFor; SEEN_ON_NETWORK when absent, as ARC. */
  waitFor?: TxStatus;
  timeoutMs: number;
  /** Sent through WhatsOnChain's `tx/raw`, which ARC never sees. */
  via?: 'woc';
}

export type SubmitAnswer = { ok: true; view: TxView } | { ok: false; problem: ArcProblem };

export interface ReorgOptions {
  /** Transactions of the replaced blocks or of the mempool that leave the network, with their descendants. */
  drop?: string[];
  /** Put the mempool (the replaced blocks' transactions first) into the first new block; else the new blocks are empty. */
  remine?: boolean;
}

export interface MinedBlock {
  height: number;
  hash: string;
  /** Without the coinbase. */
  txids: string[];
}

export interface DevnetNodeDeps {
  state: ChainState;
  eventLog: EventLog;
  policy: DevnetPolicy;
  callbacks: CallbackSender;
  /** The accept-then-drop fault: true when the next accepted transaction should vanish. */
  takeDrop: () => boolean;
  /** The `doubleSpendWins` fault: true when this double spend should take its competitors' place. */
  takeDoubleSpendWin: () => boolean;
  /** The devnet stopped: waiting requests are answered at once. */
  stopped: AbortSignal;
  log: Logger;
}

interface Accepted {
  txid: string;
  fresh: boolean;
  dropped: boolean;
}

/**
 * The node behind the APIs: takes transactions in as ARC and a miner would, mines, reorganises. Every
 * change is logged, applied, synced to disk and only then announced (callbacks, waiting requests).
 */
export class DevnetNode {
  private readonly statusEvents = new EventEmitter().setMaxListeners(0);
  private readonly state: ChainState;
  private readonly eventLog: EventLog;
  private readonly policy: DevnetPolicy;
  private readonly callbacks: CallbackSender;
  private readonly takeDrop: () => boolean;
  private readonly takeDoubleSpendWin: () => boolean;
  private readonly stopped: AbortSignal;
  private readonly log: Logger;

  constructor(deps: DevnetNodeDeps) {
    this.state = deps.state;
    this.eventLog = deps.eventLog;
    this.policy = deps.policy;
    this.callbacks = deps.callbacks;
    this.takeDrop = deps.takeDrop;
    this.takeDoubleSpendWin = deps.takeDoubleSpendWin;
    this.stopped = deps.stopped;
    this.log = deps.log;
  }

  record(txid: string): TxRecord | undefined {
    return this.state.txs.get(txid);
  }

  /** ARC's answer order: the transactions it passed on, then the ones it refused. */
  async submit(txs: ParsedTx[], options: SubmitOptions): Promise<SubmitAnswer[]> {
    const { accepted, refused } = this.admit(txs, options.callback, options.via);
    const views = await Promise.all(accepted.map((a) => this.answer(a, options)));
    return [...views.map((view) => ({ ok: true as const, view })), ...refused.map((problem) => ({ ok: false as const, problem }))];
  }

  mine(count: number): MinedBlock[] {
    const mined: MinedBlock[] = [];
    for (let i = 0; i < count; i++) {
      const txids = [...this.state.mempool.keys()];
      const { event } = buildBlock(parentOf(this.state.tip()!), txids, feePayout(this.feesOf(txids)));
      this.publish(this.commit(event));
      mined.push(summary(this.state.tip()!));
    }
    return mined;
  }

  /**
   * Replaces the last `depth` blocks with `depth + 1` new ones, so the new chain is the longer one.
   * The genesis block and the funding block 1 stay.
   */
  reorg(depth: number, options: ReorgOptions = {}): MinedBlock[] {
    const tip = this.state.tip()!;
    if (!Number.isInteger(depth) || depth < 1 || depth > tip.height - 1) {
      throw new BsvDevnetError(`reorg depth must be an integer from 1 to ${tip.height - 1} (blocks 0 and 1 stay), got ${depth}`);
    }
    const fork = this.state.chain[tip.height - depth]!;
    const replaced = this.state.chain.slice(fork.height + 1).flatMap((b) => b.txids.slice(1));
    const drop = options.drop ?? [];
    for (const txid of drop) {
      if (!replaced.includes(txid) && !this.state.mempool.has(txid)) {
        throw new BsvDevnetError(`cannot drop ${txid}: only transactions of the replaced blocks or of the mempool can be dropped`);
      }
    }
    const gone = this.state.withDescendants(drop);
    const remaining = [...replaced, ...this.state.mempool.keys()].filter((txid) => !gone.has(txid));
    const blocks: BlockEvent[] = [];
    let parent = parentOf(fork);
    for (let i = 0; i <= depth; i++) {
      const txids = i === 0 && options.remine ? remaining : [];
      const built = buildBlock(parent, txids, feePayout(this.feesOf(txids)));
      blocks.push(built.event);
      parent = { hash: built.hash, height: parent.height + 1, time: built.event.time };
    }
    this.publish(this.commit({ e: 'reorg', depth, drop, blocks }));
    this.log.info({ depth, dropped: gone.size, tip: parent.hash }, 'bsv-devnet: reorganised the chain');
    return this.state.chain.slice(fork.height + 1).map(summary);
  }

  private admit(txs: ParsedTx[], callback: CallbackTarget | undefined, via: 'woc' | undefined): { accepted: Accepted[]; refused: ArcProblem[] } {
    const batch = new Set<string>();
    const checked = txs.map((tx) => {
      if (this.isKnown(tx.txid)) return { tx };
      try {
        admitToArc(this.state, tx, batch, this.policy);
        batch.add(tx.txid);
        return { tx };
      } catch (error) {
        if (error instanceof ArcError) return { tx, error };
        throw error;
      }
    });
    const accepted: Accepted[] = [];
    const refused: ArcProblem[] = [];
    const changes: TxRecord[] = [];
    for (const { tx, error } of checked) {
      if (error) {
        refused.push(error.problem(tx.txid));
      } else if (this.isKnown(tx.txid)) {
        const rec = this.state.txs.get(tx.txid)!;
        if (via === undefined && !rec.arcKnows) changes.push(...this.commit({ e: 'arc-seen', txid: tx.txid }));
        if (callback && !hasCallback(rec, callback)) changes.push(...this.commit({ e: 'callback', txid: tx.txid, callback }));
        accepted.push({ txid: tx.txid, fresh: false, dropped: false });
      } else {
        try {
          const verdict = nodeVerdict(this.state, tx);
          const dropped = verdict.status === 'SEEN_ON_NETWORK' && this.takeDrop();
          if (dropped) this.log.info({ txid: tx.txid }, 'bsv-devnet: fault: accepting and dropping a transaction');
          else changes.push(...this.commit({ e: 'tx', hex: tx.raw.toString('hex'), competingTxs: [], extraInfo: '', ...verdict, callbacks: callback ? [callback] : [], ...(this.wins(verdict) ? { wins: true as const } : {}), ...(via ? { via } : {}) }));
          accepted.push({ txid: tx.txid, fresh: true, dropped });
        } catch (failure) {
          if (!(failure instanceof ArcError)) throw failure;
          refused.push(failure.problem(tx.txid));
        }
      }
    }
    this.publish(changes);
    return { accepted, refused };
  }

  /** Only a race against unmined transactions can be won. */
  private wins(verdict: NodeVerdict): boolean {
    if (verdict.status !== 'DOUBLE_SPEND_ATTEMPTED') return false;
    return verdict.competingTxs.every((id) => this.state.mempool.has(id)) && this.takeDoubleSpendWin();
  }

  /**
   * Known transactions answer their status. One that a reorg took off the network is validated again,
   * as a node takes a rebroadcast transaction whose inputs are there (again).
   */
  private isKnown(txid: string): boolean {
    const rec = this.state.txs.get(txid);
    return rec !== undefined && !rec.evicted;
  }

  /**
   * A new transaction went through every status up to SEEN_ON_NETWORK, so ARC answers with the first
   * one at or past X-WaitFor; a later status (MINED…) is waited for until the timeout.
   */
  private async answer(accepted: Accepted, options: SubmitOptions): Promise<TxView> {
    const target = !options.waitFor || options.waitFor === 'UNKNOWN' ? 'SEEN_ON_NETWORK' : options.waitFor;
    const passedThrough = TX_STATUS[target] <= TX_STATUS.SEEN_ON_NETWORK && target !== 'SEEN_IN_ORPHAN_MEMPOOL' ? target : 'SEEN_ON_NETWORK';
    if (accepted.dropped) return txView({ txid: accepted.txid, status: passedThrough, extraInfo: '', competingTxs: [] });
    const rec = this.state.txs.get(accepted.txid)!;
    if (accepted.fresh && rec.status === 'SEEN_ON_NETWORK' && reaches('SEEN_ON_NETWORK', target)) return txView(rec, passedThrough);
    if (!reaches(rec.status, target)) await this.waitForStatus(accepted.txid, target, options.timeoutMs);
    return txView(this.state.txs.get(accepted.txid)!);
  }

  private waitForStatus(txid: string, target: TxStatus, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const rec = this.state.txs.get(txid);
        if (!rec || reaches(rec.status, target)) done();
      };
      const done = () => {
        clearTimeout(timer);
        this.statusEvents.off(txid, check);
        this.stopped.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.statusEvents.on(txid, check);
      this.stopped.addEventListener('abort', done, { once: true });
    });
  }

  private commit(event: ChainEvent): TxRecord[] {
    this.eventLog.write(event);
    return this.state.apply(event);
  }

  /** Durable first, then announced: nobody hears of a change a crash could still undo. */
  private publish(changes: TxRecord[]): void {
    this.eventLog.sync();
    for (const change of changes) {
      if (change.callbacks.length > 0) {
        const view = txView(change);
        for (const target of change.callbacks) this.callbacks.notify(target, view);
      }
      this.statusEvents.emit(change.txid);
    }
  }

  private feesOf(txids: string[]): bigint {
    return txids.reduce((sum, txid) => sum + this.state.txs.get(txid)!.fee, 0n);
  }
}

function parentOf(block: Block): BlockParent {
  return { hash: block.hash, height: block.height, time: block.header.time };
}

function summary(block: Block): MinedBlock {
  return { height: block.height, hash: block.hash, txids: block.txids.slice(1) };
}
