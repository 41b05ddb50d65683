import type { Logger } from 'pino';
import { hostname } from 'node:os';
import { openStore } from '../core/store/index.ts';
import { processApplicationName } from './metrics/operations-gauges.ts';
import { silentObserver } from '../core/pipeline/index.ts';
import { startChains, stopChains } from './chains/registry.ts';
import { ConfigError, type NodeConfig } from './config/index.ts';
import { loadLogSigner, operatorKeyOf } from './log-key-source.ts';
import { openNodeLog } from './open-node-log.ts';
import { startWorkers } from './worker/start-workers.ts';

/**
 * `publisher worker`: the publication workers without the RPC server, against the same database
 * (DATABASE_URL is required: a worker never starts a database of its own). Any number may run.
 */
export async function startWorkerProcess(config: NodeConfig, log: Logger): Promise<{ stop(): Promise<void> }> {
  if (!config.databaseUrl) throw new ConfigError('a worker needs DATABASE_URL: the database the node uses (npm start prints it with PUBLISHER_LOG_LEVEL=debug)');
  // Workers append to the log too (tx.broadcast, tx.confirmed, …): the node's log key, read first.
  const logSigner = await loadLogSigner(config);
  const chains = await startChains({ config, log, role: 'worker', operatorKey: operatorKeyOf(logSigner) });
  try {
    const store = await openStore({ databaseUrl: config.databaseUrl, log, applicationName: processApplicationName(true, hostname(), process.pid) });
    await openNodeLog(store.pool, logSigner).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    const workers = startWorkers(chains, store, log, silentObserver, `worker-${process.pid}`, logSigner, config.logAnchorIntervalMs);
    log.info({ chains: [...chains.keys()] }, 'publication worker running');
    return {
      async stop() {
        await workers.stop();
        await store.close();
        await stopChains(chains);
      },
    };
  } catch (error) {
    await stopChains(chains);
    throw error;
  }
}
