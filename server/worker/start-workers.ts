import type { Logger } from 'pino';
import type { CheckpointSigner } from '../../core/audit/index.ts';
import { importUtxos } from '../../core/funding/index.ts';
import type { PipelineObserver } from '../../core/pipeline/index.ts';
import type { Store } from '../../core/store/index.ts';
import type { ChainRuntime } from '../chains/chain-runtime.ts';
import { startChainWorker, type ChainWorker } from './chain-worker.ts';

/** One worker loop per chain in this process; `stop()` lets each finish its current step. */
export function startWorkers(chains: ReadonlyMap<string, ChainRuntime>, store: Store, log: Logger, observer: PipelineObserver, processName: string, logSigner: CheckpointSigner, anchorIntervalMs: number): { stop(): Promise<void> } {
  const workers: ChainWorker[] = [...chains.values()].map((chain) =>
    startChainWorker(
      {
        pool: store.pool,
        adapter: chain.adapter,
        settings: chain.pipeline,
        log: log.child({ chain: chain.adapter.name }),
        actor: `worker:${chain.adapter.name}:${processName}`,
        logSigner,
        observer,
      },
      { idleMs: 200, confirmPollMs: 1_000, errorPauseMs: 2_000, pool: chain.pool, anchorIntervalMs },
    ),
  );
  return {
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

/** Dev convenience (chains.<name>.pool.scanOnStart): adopt the funding address's outputs the pool does not know. */
export async function scanFundingOnStart(chains: ReadonlyMap<string, ChainRuntime>, store: Store, log: Logger, logSigner: CheckpointSigner): Promise<void> {
  for (const chain of chains.values()) {
    const funding = chain.adapter.funding;
    if (!chain.pool?.scanOnStart || funding.model !== 'utxo') continue;
    const result = await importUtxos(store.pool, chain.adapter.name, funding, { outpoints: [], scan: true }, 'node', logSigner);
    if (result.imported > 0) log.info({ chain: chain.adapter.name, imported: result.imported, amount: result.importedAmount.toString(), unit: chain.unit }, 'funding outputs added to the pool');
  }
}
