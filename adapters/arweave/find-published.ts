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
 * Record-Id tags: in a bundle, every item's, read from the bundle's data with arbundles (not from
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
        const records = recordsOf(back.header, back.data);
        if (records === undefined) {
          found.unread.push({ txid: listed.id, why: 'its data is not an ANS-104 bundle of operator items' });
          continue;
        }
        found.transactions.push({ txid: listed.id, raw: encodeRaw(back.header, back.data), fee: BigInt(back.header.reward), blockHeight: listed.blockHeight, records });
      }
    }
    ctx.options.log.info({ found: found.transactions.length, unread: found.unread.length, sinceHeight }, 'operator transactions unknown to the database read back');
    return found;
  };
}

function recordsOf(header: TransactionHeader, data: Uint8Array): PublishedTransaction['records'] | undefined {
  if (!header.tags.some((tag) => tag.name === BUNDLE_FORMAT)) {
    const recordId = header.tags.find((tag) => Buffer.from(tag.name, 'base64url').toString('utf8') === 'Record-Id');
    const value = recordId === undefined ? undefined : Buffer.from(recordId.value, 'base64url').toString('utf8');
    return value !== undefined && RECORD_ID.test(value) ? [{ recordId: value, locator: header.id }] : [];
  }
  let entries;
  try {
    entries = readBundle(data);
  } catch {
    return undefined;
  }
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return entries.flatMap((entry) => {
    const item = new DataItem(bytes.subarray(entry.offset, entry.offset + entry.size));
    const value = item.tags.find((tag) => tag.name === 'Record-Id')?.value;
    return value !== undefined && RECORD_ID.test(value) ? [{ recordId: value, locator: entry.id }] : [];
  });
}
