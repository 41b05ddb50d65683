import Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import pino, { type Logger } from 'pino';
import type { BatchRecord, ChainAdapter, FundingGrant } from '../../../core/adapter/index.ts';
import { standaloneReceipt, testLogSigner } from '../../support/log-signer.ts';
import { createArweaveAdapter, type ArweaveAdapterOptions } from '../../../adapters/arweave/index.ts';
import { startArweaveDevnet, type ArweaveDevnet } from '../../../devnet/arweave/index.ts';
import type { ProofBundle } from '../../../sdk/verify/index.ts';
import { graphql, tempDir } from '../../devnet-arweave/support.ts';

export const FUND = 10n ** 15n; // 1000 AR, well within what arlocal holds exactly

/** arlocal logs every swallowed error (duplicates posted on purpose included) as a warning. */
export const quietLog: Logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'error' });

export interface TestChain {
  devnet: ArweaveDevnet;
  wallet: JWKInterface;
  address: string;
  /** An adapter on this devnet with the funded wallet, `mode` etc. overridable. */
  adapter(options?: Partial<ArweaveAdapterOptions>): ChainAdapter;
  close(): Promise<void>;
}

/** arlocal in a temp directory with a freshly generated operator wallet, funded. */
export async function startTestChain(fund = FUND): Promise<TestChain> {
  const temp = await tempDir();
  const wallet = await newWallet();
  const address = await Arweave.init({}).wallets.jwkToAddress(wallet);
  const devnet = await startArweaveDevnet({ dir: temp.dir, log: quietLog, fund: fund > 0n ? [{ address, winston: fund }] : [] });
  return {
    devnet,
    wallet,
    address,
    adapter: (options = {}) => createArweaveAdapter({ gatewayUrl: devnet.url, network: 'devnet', wallet, log: quietLog, ...options }),
    async close() {
      await devnet.stop();
      await temp.remove();
    },
  };
}

export function newWallet(): Promise<JWKInterface> {
  return Arweave.init({}).wallets.generate();
}

/** What the core reserves for a batch: its estimate, from the wallet balance. */
export async function grantFor(adapter: ChainAdapter, batch: readonly BatchRecord[]): Promise<Extract<FundingGrant, { model: 'account' }>> {
  return { model: 'account', amount: (await adapter.estimate(batch)).amount };
}

/** A proof bundle (wire-format §5) for one record, with a receipt from a fresh log (its verifier key in the bundle). */
export function proofOf(record: BatchRecord, anchor: object, targets: string[] = ['arweave'], log = testLogSigner()): ProofBundle {
  const receipt = standaloneReceipt(log, { recordId: record.recordId, creator: record.creator, targets });
  return JSON.parse(JSON.stringify({ intent: JSON.parse(record.intentJson), receipt, log: { verifierKey: log.verifierKey }, anchors: [anchor] })) as ProofBundle;
}

export interface IndexedTransaction {
  id: string;
  tags: { name: string; value: string }[];
  block: { height: number; id: string } | null;
}

/** What the gateway's GraphQL index lists for these ids (any order), in pages of 100. */
export async function indexedByIds(url: string, ids: readonly string[]): Promise<IndexedTransaction[]> {
  const found: IndexedTransaction[] = [];
  for (let start = 0; start < ids.length; start += 100) {
    const page = ids.slice(start, start + 100);
    const data = await graphql<{ transactions: { edges: { node: IndexedTransaction }[] } }>(
      url,
      'query($ids: [ID!]) { transactions(ids: $ids, first: 100) { edges { node { id tags { name value } block { height id } } } } }',
      { ids: page },
    );
    found.push(...data.transactions.edges.map((edge) => edge.node));
  }
  return found;
}
