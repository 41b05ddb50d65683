import type { AnchorInput } from '../../core/adapter/index.ts';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { readBundle } from './bundle-binary.ts';
import { decodeRaw } from './raw-transaction.ts';

const BUNDLE_FORMAT = Buffer.from('Bundle-Format').toString('base64url');

/**
 * One record's proof anchor (wire-format.md §5). Bundle mode: the item id, the bundle's layer-1
 * id and the raw signed item, sliced out of the bundle written ahead, which is what an offline
 * verifier checks (signature, data, tags). `l1` mode: the transaction id only.
 */
export function buildAnchor(network: string, input: AnchorInput): Record<string, string | number> {
  const stored = decodeRaw(input.raw);
  if (stored.header.id !== input.txid) throw new ArweaveAdapterError('raw', `the raw bytes hold transaction ${stored.header.id}, not ${input.txid}`);
  const block = { blockHash: input.blockHash, blockHeight: input.blockHeight, confirmations: input.confirmations };
  if (!stored.header.tags.some((tag) => tag.name === BUNDLE_FORMAT)) {
    if (input.locator !== input.txid) throw new ArweaveAdapterError('raw', `layer-1 transaction ${input.txid} carries one record, located by its own id, not ${input.locator}`);
    return { chain: 'arweave', network, id: input.txid, ...block };
  }
  const entry = readBundle(stored.data).find((e) => e.id === input.locator);
  if (entry === undefined) throw new ArweaveAdapterError('raw', `bundle ${input.txid} holds no item ${input.locator}`);
  const item = Buffer.from(stored.data.subarray(entry.offset, entry.offset + entry.size)).toString('base64url');
  return { chain: 'arweave', network, id: entry.id, bundleId: input.txid, item, ...block };
}
