import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { openStore } from '../../core/store/index.ts';
import { loadDevnetEndpoints } from '../chains/devnet-endpoints.ts';
import { startChains, stopChains } from '../chains/registry.ts';
import { ConfigError, type NodeConfig } from '../config/index.ts';
import { reconcileUtxoChain, type ChainReconciliation } from './reconcile-utxo-chain.ts';
import { wocTransactionReader } from './bsv-transactions.ts';

export interface ReconcileReport {
  chains: ChainReconciliation[];
  /** Chains reconciliation cannot read the operator's transactions of, and why. */
  notReconciled: { chain: string; reason: string }[];
}

/**
 * `publisher-node reconcile`: run after restoring the database from a backup and before any node
 * or worker starts on it (docs/operations.md, "Restoring from a backup"). Reads the chains, fixes
 * the database to match them, and returns what it found for the operator.
 */
export async function runReconcile(config: NodeConfig, log: Logger, options: { wocUrl?: string | undefined }): Promise<ReconcileReport> {
  if (!config.databaseUrl) throw new ConfigError('reconcile needs DATABASE_URL: the restored database');
  // The dev profile's local chains are started from the data directory, as the node would.
  const chains = await startChains({ config, log, role: 'server' });
  try {
    const store = await openStore({ databaseUrl: config.databaseUrl, log, applicationName: `publisher-reconcile/${hostname().slice(0, 40)}/${process.pid}` });
    try {
      const report: ReconcileReport = { chains: [], notReconciled: [] };
      for (const [name, chain] of chains) {
        const { funding } = chain.adapter;
        if (funding.model !== 'utxo' || name !== 'bsv') {
          report.notReconciled.push({ chain: name, reason: `no reader of the operator's ${name} transactions: republished records there are not detected (see docs/operations.md)` });
          continue;
        }
        const wocUrl = options.wocUrl ?? (config.profile === 'dev' ? (await loadDevnetEndpoints(config.dataDir, name))['wocUrl'] : undefined);
        if (wocUrl === undefined) throw new ConfigError('reconcile needs --woc-url <WhatsOnChain API base of the network> to read the operator\'s BSV transactions');
        report.chains.push(await reconcileUtxoChain(store.pool, name, chain.adapter.network, funding, wocTransactionReader(wocUrl)));
      }
      log.info({ report }, 'reconciliation done');
      return report;
    } finally {
      await store.close();
    }
  } finally {
    await stopChains(chains);
  }
}
