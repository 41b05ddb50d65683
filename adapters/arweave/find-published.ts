import { DataItem } from 'arbundles';
import type { PublishedFound, PublishedQuery, PublishedTransaction } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { readBundle } from './bundle-binary.ts';
import { listOperatorTransactions, OPERATOR_TAG_FILTERS } from './operator-transactions.ts';
import { encodeRaw, type TransactionHeader } from './raw-transaction.ts';
import { readOperatorTransaction } from './read-operator-transaction.ts';

/** At most this many unknown transactions are read: a restore from a very old backup is refused rather than downloaded for ever. */
const MAX_UNKNOWN = 10_000;
const RECORD_ID = /^[0-9a-f]{64}$/;
const BUNDLE_FORMAT = Buffer.from('Bundle-Format').toString('base64url');

/**
 * `findPublished` for reconcile: the operator wallet's layer-1 transactions (GraphQL by owner and
 * by the tags of a bundle or of an `l1` record, from the height hint up) the database does not
 * know, each read back (header and data, checked as ours) and its records listed by their
 * Record-Id tags, its log checkpoints by their Type tag (the note is the data): in a bundle, every item's, read from the bundle's data with arbundles (not from
 * the gateway's item index, which arlocal leaves incomplete for Ed25519 items; devnet/arweave
 * README), located by item id; in `l1` mode, the transaction's own, located by its id.
 */
export function publishedFinder(ctx: AdapterContext): (query: PublishedQuery) => Promise<PublishedFound> {
  return async ({ known, sinceHeight }) => {
    const found: PublishedFound = { transactions: [], unread: [] };
    const seen = new Set<string>();
    for (const tags of OPERATOR_TAG_FILTERS) {
      for (const listed of await listOperatorTransactions(ctx.gateway, ctx.wallet.address, tags, sinceHeight)) {
        if (known.has(listed.id) || seen.has(listed.id)) continue;
        seen.add(listed.id);
        if (seen.size > MAX_UNKNOWN) throw new ArweaveAdapterError('gateway', `more than ${MAX_UNKNOWN} transactions of the operator unknown to the database: restore a newer backup`);
        if (listed.blockHeight === undefined) {
          found.unread.push({ txid: listed.id, why: 'pending: not mined yet' });
          continue;
        }
        const back = await readOperatorTransaction(ctx, listed.id);
        if (back.kind === 'absent') continue; // arlocal lists items as transactions: no layer-1 header
        if (back.kind === 'unread') {
          found.unread.push({ txid: listed.id, why: back.why });
          continue;
        }
        const carried = contentsOf(back.header, back.data);
        if (carried === undefined) {
          found.unread.push({ txid: listed.id, why: 'its data is not an ANS-104 bundle of operator items' });
          continue;
        }
        found.transactions.push({ txid: listed.id, raw: encodeRaw(back.header, back.data), fee: BigInt(back.header.reward), blockHeight: listed.blockHeight, ...carried });
      }
    }
    ctx.options.log.info({ found: found.transactions.length, unread: found.unread.length, sinceHeight }, 'operator transactions unknown to the database read back');
    return found;
  };
}

type Carried = Pick<PublishedTransaction, 'records'> & { checkpoints: NonNullable<PublishedTransaction['checkpoints']> };

/** Its records (Record-Id tags) and log checkpoints (Type: checkpoint, the signed note as data, transparency-log.md §5), each with its locator. */
function contentsOf(header: TransactionHeader, data: Uint8Array): Carried | undefined {
  const carried: Carried = { records: [], checkpoints: [] };
  const take = (tags: readonly { name: string; value: string }[], body: () => Buffer, locator: string) => {
    const value = (name: string) => tags.find((tag) => tag.name === name)?.value;
    const recordId = value('Record-Id');
    if (recordId !== undefined && RECORD_ID.test(recordId)) carried.records.push({ recordId, locator });
    else if (value('Type') === 'checkpoint') carried.checkpoints.push({ note: body().toString('utf8'), locator });
  };
  if (!header.tags.some((tag) => tag.name === BUNDLE_FORMAT)) {
    const decoded = header.tags.map((tag) => ({ name: Buffer.from(tag.name, 'base64url').toString('utf8'), value: Buffer.from(tag.value, 'base64url').toString('utf8') }));
    take(decoded, () => Buffer.from(data), header.id);
    return carried;
  }
  let entries;
  try {
    entries = readBundle(data);
  } catch {
    return undefined;
  }
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (const entry of entries) {
    const item = new DataItem(bytes.subarray(entry.offset, entry.offset + entry.size));
    take(item.tags, () => item.rawData, entry.id);
  }
  return carried;
}
