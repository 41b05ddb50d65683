import type { Logger } from 'pino';
import { reaches } from './arc-status.ts';
import type { CallbackTarget } from './chain-events.ts';
import type { TxView } from './tx-view.ts';
import { sleep } from './sleep.ts';

const ATTEMPTS = 5;
const FIRST_RETRY_MS = 500;
const TIMEOUT_MS = 5_000;

export interface CallbackSenderOptions {
  /** Batched callbacks (X-CallbackBatch) wait this long and go out together, per URL and token. */
  batchIntervalMs: number;
  /** The `dropCallbacks` fault: true when this callback is to be lost. */
  takeDrop(): boolean;
}

/** ARC's callbacker sends at most this many callbacks in one batch (processor.go batchSizeDefault). */
const BATCH_MAX = 500;

/**
 * Delivers ARC callbacks: a JSON POST to exactly the URL the client gave (redirects are not
 * followed), `Authorization: Bearer <X-CallbackToken>` when a token was given, in order per URL,
 * retried with backoff while the receiver does not answer 2xx, as ARC's callbacker does. Batched
 * ones (X-CallbackBatch) collect for `batchIntervalMs` and go as ARC's `BatchCallback`
 * `{count, callbacks}`, at most 500 at a time.
 */
export class CallbackSender {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly batches = new Map<string, { target: CallbackTarget; bodies: Record<string, unknown>[] }>();

  constructor(
    private readonly log: Logger,
    /** The devnet stopped: pending deliveries are given up. */
    private readonly stopped: AbortSignal,
    private readonly options: CallbackSenderOptions,
  ) {}

  /** ARC sends REJECTED, MINED_IN_STALE_BLOCK and MINED; with X-FullStatusUpdates also the earlier ones. */
  notify(target: CallbackTarget, view: TxView): void {
    if (!reaches(view.txStatus, target.full ? 'SEEN_IN_ORPHAN_MEMPOOL' : 'REJECTED')) return;
    if (this.options.takeDrop()) {
      this.log.info({ url: target.url, txid: view.txid, txStatus: view.txStatus }, 'bsv-devnet: callback dropped (fault)');
      return;
    }
    const body = callbackBody(view);
    if (!target.batch) return this.enqueue(target, JSON.stringify(body));
    const key = `${target.url}\n${target.token}`;
    const waiting = this.batches.get(key);
    if (waiting) {
      waiting.bodies.push(body);
      return;
    }
    this.batches.set(key, { target, bodies: [body] });
    void sleep(this.options.batchIntervalMs, this.stopped).then(() => {
      const batch = this.batches.get(key);
      this.batches.delete(key);
      if (!batch || this.stopped.aborted) return;
      for (let i = 0; i < batch.bodies.length; i += BATCH_MAX) {
        const callbacks = batch.bodies.slice(i, i + BATCH_MAX);
        this.enqueue(batch.target, JSON.stringify({ count: callbacks.length, callbacks }));
      }
    });
  }

  private enqueue(target: CallbackTarget, body: string): void {
    const previous = this.queues.get(target.url) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(target, body));
    this.queues.set(target.url, next);
    void next.finally(() => {
      if (this.queues.get(target.url) === next) this.queues.delete(target.url);
    });
  }

  private async deliver(target: CallbackTarget, body: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    if (target.token) headers['authorization'] = `Bearer ${target.token}`;
    for (let attempt = 1; attempt <= ATTEMPTS && !this.stopped.aborted; attempt++) {
      try {
        const signal = AbortSignal.any([this.stopped, AbortSignal.timeout(TIMEOUT_MS)]);
        const response = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal });
        await response.body?.cancel();
        if (response.ok) return;
        this.log.warn({ url: target.url, status: response.status, attempt }, 'bsv-devnet: callback receiver did not answer 2xx');
      } catch (error) {
        if (this.stopped.aborted) return;
        this.log.warn({ url: target.url, err: error, attempt }, 'bsv-devnet: callback could not be delivered');
      }
      await sleep(FIRST_RETRY_MS * 2 ** (attempt - 1), this.stopped);
    }
  }
}

/** ARC's callbacker `Callback` JSON: competingTxs only when there are some and the tx is not mined. */
function callbackBody(view: TxView): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString(),
    ...(view.competingTxs.length > 0 && view.txStatus !== 'MINED' ? { competingTxs: view.competingTxs } : {}),
    txid: view.txid,
    txStatus: view.txStatus,
    extraInfo: view.extraInfo,
    merklePath: view.merklePath,
    blockHash: view.blockHash,
    blockHeight: view.blockHeight,
  };
}
