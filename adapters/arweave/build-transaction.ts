import type { BatchRecord, FundingGrant, LogCheckpoint, SignedTransaction } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { assembleBundle, readBundle } from './bundle-binary.ts';
import { readAnchor } from './gateway-reads.ts';
import { encodeRaw } from './raw-transaction.ts';
import { checkpointTags, recordTags, type Tag } from './record-tags.ts';
import { signDataItem } from './sign-data-item.ts';
import { signLayer1 } from './sign-layer1.ts';
import { tagLimitProblem } from './tag-limits.ts';

/** The layer-1 tags of a bundle (ANS-104), which also find the operator's bundles again (operator-transactions.ts). */
export const BUNDLE_TAGS: readonly Tag[] = [
  { name: 'Bundle-Format', value: 'binary' },
  { name: 'Bundle-Version', value: '2.0.0' },
];
/**
 * A record's data (its envelope) at most: a bundle is built, written ahead and checked after
 * mining as one piece in memory, so records stay far below what Arweave itself could take.
 */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;
/** Items signed at once: enough to keep libuv's thread pool busy while deep hashes run here. */
const SIGNING_CONCURRENCY = 16;

/**
 * One signed layer-1 transaction for the batch, paying `grant.amount` as its reward. Bundle mode:
 * one operator-signed data item per record, assembled without re-signing into one bundle, the
 * bundle's index checked against the item ids before the layer-1 signature commits to it. `l1`
 * mode: the record's envelope as the transaction's data. Tag limits and record sizes are checked
 * before anything is signed: records that can never fit throw ArweaveAdapterError('too_large')
 * naming every one of them, and the rest of the batch can be built again without them.
 */
export async function buildTransaction(ctx: AdapterContext, batch: readonly BatchRecord[], grant: FundingGrant): Promise<SignedTransaction> {
  const { options, wallet } = ctx;
  checkBatch(batch, options.maxRecordsPerTransaction);
  if (grant.model !== 'account' || grant.amount < 0n) throw new ArweaveAdapterError('batch', 'Arweave is paid from the wallet balance: the grant must be { model: "account", amount ≥ 0 }');
  const layer = options.mode === 'bundle' ? 'item' : 'l1';
  const tags = batch.map((record) => recordTags(record, wallet.address, layer));
  const refused = batch.flatMap((record, i) => {
    const bytes = Buffer.byteLength(record.intentJson);
    const problem = bytes > MAX_RECORD_BYTES ? `its ${bytes} bytes exceed the ${MAX_RECORD_BYTES} this adapter carries per record` : tagLimitProblem(tags[i] ?? [], layer);
    return problem === undefined ? [] : [{ recordId: record.recordId, problem }];
  });
  if (refused.length > 0) {
    const list = refused.map((r) => `${r.recordId}: ${r.problem}`).join('; ');
    throw new ArweaveAdapterError('too_large', `${refused.length} record(s) can never be published on Arweave: ${list}`, { recordIds: refused.map((r) => r.recordId) });
  }

  return signPieces(ctx, batch.map((record, i) => ({ data: record.intentJson, tags: tags[i] ?? [] })), grant);
}

/** transparency-log.md §5: the checkpoint's signed note as the data of one item (a bundle of one) or one layer-1 transaction. */
export async function buildCheckpointTransaction(ctx: AdapterContext, checkpoint: LogCheckpoint, grant: FundingGrant): Promise<SignedTransaction> {
  if (grant.model !== 'account' || grant.amount < 0n) throw new ArweaveAdapterError('batch', 'Arweave is paid from the wallet balance: the grant must be { model: "account", amount ≥ 0 }');
  const tags = checkpointTags(checkpoint);
  const problem = tagLimitProblem(tags, ctx.options.mode === 'bundle' ? 'item' : 'l1');
  if (problem !== undefined) throw new ArweaveAdapterError('too_large', `the checkpoint of size ${checkpoint.treeSize} cannot be tagged: ${problem}`);
  return signPieces(ctx, [{ data: checkpoint.note, tags }], grant);
}

/**
 * One signed layer-1 transaction paying `grant.amount`: in bundle mode, one operator-signed item
 * per piece assembled into a bundle whose index is checked against the item ids before the wallet
 * signs it (each piece located by its item id); in `l1` mode, the one piece as the transaction's
 * own data and tags (located by the transaction id).
 */
async function signPieces(ctx: AdapterContext, pieces: readonly { data: string; tags: readonly Tag[] }[], grant: FundingGrant & { model: 'account' }): Promise<SignedTransaction> {
  const { options, wallet } = ctx;
  if (options.mode === 'l1') {
    const data = Buffer.from(pieces[0]!.data, 'utf8');
    const header = await signLayer1(ctx.arweave, wallet, { data, tags: [...pieces[0]!.tags], reward: grant.amount, anchor: await readAnchor(ctx.gateway) });
    return { txid: header.id, raw: encodeRaw(header, data), fee: grant.amount, locators: [header.id], change: [] };
  }

  const [items, anchor] = await Promise.all([
    mapConcurrent(pieces, SIGNING_CONCURRENCY, (piece) => signDataItem(ctx.signer, piece.data, piece.tags)),
    readAnchor(ctx.gateway),
  ]);
  const bundle = assembleBundle(items);
  const listed = readBundle(bundle).map((entry) => entry.id);
  if (listed.length !== items.length || listed.some((id, i) => id !== items[i]?.id)) {
    throw new ArweaveAdapterError('raw', 'the assembled bundle does not list the signed items in batch order');
  }
  const header = await signLayer1(ctx.arweave, wallet, { data: bundle, tags: BUNDLE_TAGS, reward: grant.amount, anchor });
  options.log.debug({ txid: header.id, items: items.length, bytes: bundle.length }, 'bundle signed');
  return { txid: header.id, raw: encodeRaw(header, bundle), fee: grant.amount, locators: listed, change: [] };
}

/** The contract's batch: 1 to maxRecordsPerTransaction records (the core never sends more). */
export function checkBatch(batch: readonly BatchRecord[], max: number): void {
  if (batch.length < 1 || batch.length > max) throw new ArweaveAdapterError('batch', `a batch holds 1 to ${max} records, got ${batch.length}`);
}

async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
