import { create } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import type { CheckpointSigner } from '../../../core/audit/index.ts';
import { PublisherError } from '../../../core/errors/index.ts';
import { importUtxos, poolBalance, reservedAmount } from '../../../core/funding/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import { ChainBalanceSchema, FundingService, type ChainBalance } from '../../../proto/gen/publisher/v1/funding_pb.ts';
import type { ChainRuntime } from '../../chains/chain-runtime.ts';

/** Per chain, in its own unit: what funding is available, reserved and spent (chains funded by nothing have no balance). */
export async function chainBalances(pool: Pool, chains: ReadonlyMap<string, ChainRuntime>): Promise<ChainBalance[]> {
  const balances: ChainBalance[] = [];
  for (const [name, chain] of chains) {
    const { funding } = chain.adapter;
    if (funding.model === 'utxo') {
      const b = await poolBalance(pool, name).catch((e: unknown) => {
        throw asStoreError(e);
      });
      balances.push(
        create(ChainBalanceSchema, {
          chain: name,
          unit: chain.unit,
          available: b.available.toString(),
          reserved: b.reserved.toString(),
          spent: b.spent.toString(),
          utxosAvailable: b.counts.available,
          utxosReserved: b.counts.reserved,
          utxosSpent: b.counts.spent,
          low: b.available < chain.fundingAlarm,
          utxoPool: true,
        }),
      );
    } else if (funding.model === 'account') {
      const [wallet, reserved] = await Promise.all([funding.balance(), reservedAmount(pool, name)]);
      const available = wallet > reserved ? wallet - reserved : 0n;
      balances.push(create(ChainBalanceSchema, { chain: name, unit: chain.unit, available: available.toString(), reserved: reserved.toString(), spent: '0', low: available < chain.fundingAlarm }));
    }
  }
  return balances;
}

/** FundingService (admin): balances per chain, and importing UTXOs into a UTXO chain's pool. */
export function fundingServiceRoutes(pool: Pool, chains: ReadonlyMap<string, ChainRuntime>, logSigner: CheckpointSigner) {
  return (router: ConnectRouter) =>
    router.service(FundingService, {
      async getBalances() {
        return { balances: await chainBalances(pool, chains) };
      },
      async importUtxos(req) {
        const [name, chain] = utxoChain(chains, req.chain);
        const funding = chain.adapter.funding;
        if (funding.model !== 'utxo') throw new PublisherError('INVALID_REQUEST', `chain ${name} is not funded by UTXOs`, { metadata: { field: 'chain' } });
        const result = await importUtxos(pool, name, funding, { outpoints: req.outpoints, scan: req.scanFundingAddress }, 'admin', logSigner);
        return { imported: result.imported, skipped: result.skipped, importedAmount: result.importedAmount.toString(), chain: name, unit: chain.unit };
      },
    });
}

/** The chain an import names, or the only UTXO-funded one when it names none. */
function utxoChain(chains: ReadonlyMap<string, ChainRuntime>, requested: string): [string, ChainRuntime] {
  const utxo = [...chains].filter(([, c]) => c.adapter.funding.model === 'utxo');
  if (requested === '') {
    if (utxo.length === 1) return utxo[0]!;
    if (utxo.length === 0) throw new PublisherError('INVALID_REQUEST', 'no UTXO-funded chain is enabled on this node', { metadata: { field: 'chain' } });
    throw new PublisherError('INVALID_REQUEST', `name the chain: UTXO-funded chains here are ${utxo.map(([n]) => n).join(', ')}`, { metadata: { field: 'chain' } });
  }
  const chain = chains.get(requested);
  if (chain === undefined) throw new PublisherError('INVALID_REQUEST', `chain ${JSON.stringify(requested)} is not enabled on this node`, { metadata: { field: 'chain' } });
  return [requested, chain];
}
