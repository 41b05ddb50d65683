import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ChainAdapter, UtxoFunding } from '../../core/adapter/index.ts';
import { openStore } from '../../core/store/index.ts';
import { startChains, stopChains } from '../chains/registry.ts';
import { ConfigError, type NodeConfig } from '../config/index.ts';
import { reconcilePublishedChain, type FindingAdapter, type PublishedChainReconciliation } from './reconcile-published-chain.ts';
import { reconcileUtxoChain, type ChainReconciliation, type ReadableUtxoFunding } from './reconcile-utxo-chain.ts';

export interface ReconcileReport {
  /** UTXO chains (through funding.readTransaction), then the others (through findPublished). */
  chains: (ChainReconciliation | PublishedChainReconciliation)[];
  /** Chains reconciliation cannot read the operator's transactions of, and why. */
  notReconciled: { chain: string; reason: string }[];
}

/**
 * `publisher-node reconcile`: run after restoring the database from a backup and before any node
 * or worker starts on it (docs/operations.md, "Restoring from a backup"). Reads the chains, fixes
 * the database to match them, and returns what it found for the operator.
 */
export async function runReconcile(config: NodeConfig, log: Logger): Promise<ReconcileReport> {
  if (!config.databaseUrl) throw new ConfigError('reconcile needs DATABASE_URL: the restored database');
  // The dev profile's local chains are started from the data directory, as the node would.
  const chains = await startChains({ config, log, role: 'server' });
  try {
    const store = await openStore({ databaseUrl: config.databaseUrl, log, applicationName: `publisher-reconcile/${hostname().slice(0, 40)}/${process.pid}` });
    try {
      const report: ReconcileReport = { chains: [], notReconciled: [] };
      for (const [name, chain] of chains) {
        const { adapter } = chain;
        const { funding } = adapter;
        if (funding.model !== 'utxo') {
          if (canFindPublished(adapter)) {
            report.chains.push(await reconcilePublishedChain(store.pool, adapter, adapter.capabilities.confirmationDepth));
            continue;
          }
          report.notReconciled.push({
            chain: name,
            reason: `funded by ${funding.model === 'none' ? 'nothing' : 'an account'}: its transactions cannot be found from the funding key's outputs, and its adapter cannot find them (no findPublished), so records republished there are not detected (see docs/operations.md)`,
          });
          continue;
        }
        if (!canReadTransactions(funding)) {
          report.notReconciled.push({ chain: name, reason: 'its adapter cannot read transactions back (no funding.readTransaction): records republished there are not detected (see docs/operations.md)' });
          continue;
        }
        report.chains.push(await reconcileUtxoChain(store.pool, name, chain.adapter.network, funding));
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

function canReadTransactions(funding: UtxoFunding): funding is ReadableUtxoFunding {
  return typeof funding.readTransaction === 'function';
}

function canFindPublished(adapter: ChainAdapter): adapter is FindingAdapter {
  return typeof adapter.findPublished === 'function';
}
