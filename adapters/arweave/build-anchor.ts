import type { AnchorInput } from '../../core/adapter/index.ts';
import type { JsonObject } from '../../core/canonical/index.ts';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { readBundle } from './bundle-binary.ts';
import { decodeRaw } from './raw-transaction.ts';
import type { Ed25519ItemKey } from './sign-data-item.ts';

const BUNDLE_FORMAT = Buffer.from('Bundle-Format').toString('base64url');

/**
 * One record's proof anchor (wire-format.md §5), with what an offline verifier checks. Bundle mode:
 * the item id, the bundle's layer-1 id, the raw signed item sliced out of the bundle written ahead
 * (signature, data, tags) and the bundle's signed layer-1 header (its id and operator signature).
 * `l1` mode: the transaction's signed header and its data, the envelope (id, signature, data root,
 * tags). Neither shows the block: that is for an online check. An item signed with the operator's
 * Ed25519 key (type 2) names that key as the log's verifier key (`itemKey`), so the bundle says
 * which key signed; a verifier still compares it with the operator's key it trusts.
 */
export function buildAnchor(network: string, input: AnchorInput, itemKey?: Ed25519ItemKey): JsonObject {
  const stored = decodeRaw(input.raw);
  if (stored.header.id !== input.txid) throw new ArweaveAdapterError('raw', `the raw bytes hold transaction ${stored.header.id}, not ${input.txid}`);
  const block = { blockHash: input.blockHash, blockHeight: input.blockHeight, confirmations: input.confirmations };
  const { data: _none, tags, ...fields } = stored.header;
  const tx = { ...fields, tags: tags.map((tag) => ({ ...tag })) };
  if (!stored.header.tags.some((tag) => tag.name === BUNDLE_FORMAT)) {
    if (input.locator !== input.txid) throw new ArweaveAdapterError('raw', `layer-1 transaction ${input.txid} carries one record, located by its own id, not ${input.locator}`);
    return { chain: 'arweave', network, id: input.txid, tx, data: Buffer.from(stored.data).toString('base64url'), ...block };
  }
  const entry = readBundle(stored.data).find((e) => e.id === input.locator);
  if (entry === undefined) throw new ArweaveAdapterError('raw', `bundle ${input.txid} holds no item ${input.locator}`);
  const raw = stored.data.subarray(entry.offset, entry.offset + entry.size);
  const item = Buffer.from(raw).toString('base64url');
  return { chain: 'arweave', network, id: entry.id, bundleId: input.txid, item, ...signerOf(raw, itemKey), tx, ...block };
}

/** `itemSigner` (ed25519 or wallet) from the item's signature type, and `itemKey` when it is this node's Ed25519 key. */
function signerOf(raw: Uint8Array, itemKey: Ed25519ItemKey | undefined): JsonObject {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.readUInt16LE(0) !== 2) return { itemSigner: 'wallet' };
  const owner = bytes.subarray(2 + 64, 2 + 64 + 32);
  return itemKey !== undefined && owner.equals(itemKey.publicKey) ? { itemSigner: 'ed25519', itemKey: itemKey.verifierKey } : { itemSigner: 'ed25519' };
}
