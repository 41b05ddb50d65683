import { anchorCheckpoint, broadcastSigned, claimAndSign, followConfirmations, maintainPool, type PipelineDeps, type PoolTarget } from '../../core/pipeline/index.ts';

export interface ChainWorkerOptions {
  /** Pause when a round found nothing to do, in ms. */
  idleMs: number;
  /** How often a broadcast transaction's status is asked for, in ms. */
  confirmPollMs: number;
  /** Pause after an unexpected failure (database or chain unreachable), in ms. */
  errorPauseMs: number;
  /** UTXO chains: keep the funding pool this wide. */
  pool: PoolTarget | null;
  /** log.anchor.intervalSeconds in ms: the log's checkpoint is anchored on the chain at most this often; 0: never. */
  anchorIntervalMs: number;
}

export interface ChainWorker {
  /** Finishes the step in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * The loops around the pipeline stages for one chain: one keeps the pool and claims, signs and
 * sends batches, the other follows what was sent to its confirmation. Any number of these may run,
 * in the server and in `publisher worker` processes, against one database: each stage claims its
 * rows with SKIP LOCKED. A failure pauses its loop; it never ends it.
 */
export function startChainWorker(deps: PipelineDeps, options: ChainWorkerOptions): ChainWorker {
  const { log } = deps;
  let running = true;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  /** Runs `step` until stopped, pausing `idleMs` after a round that found nothing to do. */
  const repeat = async (stage: string, step: () => Promise<boolean>) => {
    while (running) {
      try {
        const busy = await step();
        if (!busy && running) await pause(options.idleMs);
      } catch (error) {
        log.error({ err: error, stage }, `chain worker step failed; retrying in ${options.errorPauseMs} ms`);
        if (running) await pause(options.errorPauseMs);
      }
    }
  };

  // Sending and following run side by side: under heavy intake the send loop rarely runs dry, and
  // confirmations used to wait for it (transactions mined within a second were confirmed seconds later).
  const send = async () => {
    let busy = options.pool ? await maintainPool(deps, options.pool) : false;
    // Each batch goes out as soon as it is signed (a deep queue used to wait for ten batches
    // to be signed first); signed transactions left by others (a crashed worker) go too.
    for (let i = 0; i < 10 && running; i++) {
      const claimed = await claimAndSign(deps);
      if (claimed.kind === 'unfunded') log.warn({ needed: claimed.needed.toString() }, 'not enough funding for the next batch; records wait');
      const sent = await broadcastSigned(deps);
      busy ||= sent.broadcast + sent.abandoned > 0;
      if (claimed.kind !== 'signed') break;
      busy = true;
    }
    return busy;
  };
  const follow = async () => {
    const followed = await followConfirmations(deps, options.confirmPollMs);
    return followed.confirmed + followed.abandoned > 0;
  };

  // Checkpoints (transparency-log.md §5) in a loop of their own, so a chain that cannot take one
  // right now never holds records back. Its transaction goes out with the next send round.
  const anchorPollMs = Math.min(5_000, Math.max(options.idleMs, Math.floor(options.anchorIntervalMs / 10)));
  const anchor = async () => {
    const anchored = await anchorCheckpoint(deps, options.anchorIntervalMs);
    if (anchored.kind === 'unfunded') log.warn({ needed: anchored.needed.toString() }, 'not enough funding to anchor the log checkpoint; it waits');
    if (anchored.kind === 'signed') for (const wake of [...wakers]) wake();
    await pause(anchorPollMs);
    return true;
  };
  const loops = [repeat('send', send), repeat('follow', follow)];
  if (deps.adapter.checkpoints !== undefined && options.anchorIntervalMs > 0) loops.push(repeat('anchor', anchor));

  log.info('chain worker started');
  const done = Promise.all(loops).then(() => log.info('chain worker stopped'));
  return {
    async stop() {
      running = false;
      for (const wake of [...wakers]) wake();
      await done;
    },
  };
}
