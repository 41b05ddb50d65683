import Arweave from 'arweave';
import type { AdapterHealth, ChainAdapter } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { resolveOptions, type ArweaveAdapterOptions } from './arweave-adapter-options.ts';
import { batchDataSize, piecesDataSize } from './batch-data-size.ts';
import { broadcastTransaction } from './broadcast-transaction.ts';
import { buildAnchor } from './build-anchor.ts';
import { MAX_RECORD_BYTES, buildCheckpointTransaction, buildTransaction, checkBatch } from './build-transaction.ts';
import { gatewayClient } from './gateway-client.ts';
import { publishedFinder } from './find-published.ts';
import { readInfo, readWinston } from './gateway-reads.ts';
import { checkpointTags } from './record-tags.ts';
import { operatorWallet } from './operator-wallet.ts';
import { statusReader } from './read-status.ts';
import { ed25519ItemSigner, walletItemSigner } from './sign-data-item.ts';

/**
 * The Arweave adapter: records as operator-signed ANS-104 items in one bundle per batch (or one
 * layer-1 transaction per record in `l1` mode), paid from the operator wallet's balance.
 */
export function createArweaveAdapter(input: ArweaveAdapterOptions): ChainAdapter {
  const options = resolveOptions(input);
  const wallet = operatorWallet(options.wallet);
  const gateway = gatewayClient(options.gatewayUrl, options.timeoutMs);
  const ctx: AdapterContext = { options, gateway, wallet, signer: options.items.signer === 'ed25519' ? ed25519ItemSigner(options.items.key) : walletItemSigner(wallet), arweave: Arweave.init({}) };
  return {
    name: 'arweave',
    network: options.network,
    operatorAddress: wallet.address,
    capabilities: { maxRecordsPerTransaction: options.maxRecordsPerTransaction, maxRecordBytes: MAX_RECORD_BYTES, confirmationDepth: options.confirmationDepth },
    attributes: options.mode === 'l1' ? {} : options.items.signer === 'ed25519' ? { item_signer: 'ed25519', item_key: options.items.key.verifierKey } : { item_signer: 'wallet' },
    funding: { model: 'account', balance: () => readWinston(gateway, `/wallet/${wallet.address}/balance`) },
    // The gateway's price for the transaction's data size, which includes its per-transaction base.
    async estimate(batch) {
      checkBatch(batch, options.maxRecordsPerTransaction);
      return { amount: await readWinston(gateway, `/price/${batchDataSize(batch, wallet.address, options.mode, ctx.signer.signatureType)}`), unit: 'winston' };
    },
    build: (batch, grant) => buildTransaction(ctx, batch, grant),
    // transparency-log.md §5: the signed note as one item's data (a bundle of one), or a layer-1 transaction's.
    checkpoints: {
      estimate: async (checkpoint) => ({
        amount: await readWinston(gateway, `/price/${piecesDataSize([{ data: checkpoint.note, tags: checkpointTags(checkpoint) }], options.mode, ctx.signer.signatureType)}`),
        unit: 'winston',
      }),
      build: (checkpoint, grant) => buildCheckpointTransaction(ctx, checkpoint, grant),
    },
    broadcast: (tx) => broadcastTransaction(ctx, tx),
    status: statusReader(ctx),
    findPublished: publishedFinder(ctx),
    anchor: (anchorInput) => buildAnchor(options.network, anchorInput, options.items.signer === 'ed25519' ? options.items.key : undefined),
    async health(): Promise<AdapterHealth> {
      try {
        const info = await readInfo(gateway);
        return { ok: true, detail: `gateway ${gateway.url} at height ${info.height} (${info.network})` };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
