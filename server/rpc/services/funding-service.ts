import { create } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import type { CheckpointSigner } from '../../../core/audit/index.ts';
import { PublisherError } from '../../../core/errors/index.ts';
import { importUtxos, poolBalance, reservedAmount } from '../../../core/funding/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import { ChainBalanceSchema, FundingService, type ChainBalance } from '../../../proto/gen/publisher/v1/funding_pb.ts';
import type { ChainRuntime } from '../../chains/chain-runtime.ts';

/** Per chain: what funding is available, reserved and spent. */
export async function chainBalances(pool: Pool, chains: ReadonlyMap<string, ChainRuntime>): Promise<ChainBalance[]> {
  const balances: ChainBalance[] = [];
  for (const [name, chain] of chains) {
    const { funding } = chain.adapter;
    if (funding.model === 'utxo') {
      const b = await poolBalance(pool).catch((e: unknown) => {
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
        }),
      );
    } else if (funding.model === 'account') {
      const [wallet, reserved] = await Promise.all([funding.balance(), reservedAmount(pool)]);
      const available = wallet > reserved ? wallet - reserved : 0n;
      balances.push(create(ChainBalanceSchema, { chain: name, unit: chain.unit, available: available.toString(), reserved: reserved.toString(), spent: '0', low: available < chain.fundingAlarm }));
    }
  }
  return balances;
}

/** FundingService (admin): balances per chain, and importing UTXOs into the BSV pool. */
export function fundingServiceRoutes(pool: Pool, chains: ReadonlyMap<string, ChainRuntime>, logSigner: CheckpointSigner) {
  return (router: ConnectRouter) =>
    router.service(FundingService, {
      async getBalances() {
        return { balances: await chainBalances(pool, chains) };
      },
      async importUtxos(req) {
        const utxoChain = [...chains.values()].find((c) => c.adapter.funding.model === 'utxo');
        if (!utxoChain || utxoChain.adapter.funding.model !== 'utxo') {
          throw new PublisherError('INVALID_REQUEST', 'no UTXO-funded chain (bsv) is enabled on this node');
        }
        const result = await importUtxos(pool, utxoChain.adapter.funding, { outpoints: req.outpoints, scan: req.scanFundingAddress }, 'admin', logSigner);
        return { imported: result.imported, skipped: result.skipped, importedSatoshis: result.importedSatoshis.toString() };
      },
    });
}
