import type { BatchRecord } from '../../core/adapter/index.ts';
import type { ArweaveMode } from './arweave-adapter-options.ts';
import { recordTags, type Tag } from './record-tags.ts';
import { ITEM_SIGNATURES, type ItemSignatureType } from './sign-data-item.ts';
import { avroTagBytes } from './tag-limits.ts';

/** The exact data size of the transaction build() makes for this batch, without signing anything. */
export function batchDataSize(batch: readonly BatchRecord[], nodeOperator: string, mode: ArweaveMode, signatureType: number): number {
  return piecesDataSize(
    batch.map((record) => ({ data: record.intentJson, tags: mode === 'l1' ? [] : recordTags(record, nodeOperator, 'item') })),
    mode,
    signatureType,
  );
}

/** The same for pieces of data and their tags: one layer-1 transaction's data, or a bundle of one item per piece. */
export function piecesDataSize(pieces: readonly { data: string; tags: readonly Tag[] }[], mode: ArweaveMode, signatureType: number): number {
  if (mode === 'l1') return pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece.data), 0);
  const fixed = itemFixedBytes(signatureType);
  return pieces.reduce((sum, piece) => sum + 64 + fixed + avroTagBytes(piece.tags) + Buffer.byteLength(piece.data), 32);
}

// An item without target or anchor: type (2), signature, owner, two absent-presence bytes, tag
// count and tag byte length (8 each), then tags and data.
function itemFixedBytes(signatureType: number): number {
  const sizes = ITEM_SIGNATURES[signatureType as ItemSignatureType];
  if (sizes === undefined) throw new Error(`no item size for signature type ${signatureType}`);
  return 2 + sizes.signatureLength + sizes.ownerLength + 1 + 1 + 16;
}
