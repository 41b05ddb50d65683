import type { BatchRecord } from '../../core/adapter/index.ts';
import type { ArweaveMode } from './arweave-adapter-options.ts';
import { recordTags } from './record-tags.ts';
import { ITEM_SIGNATURES, type ItemSignatureType } from './sign-data-item.ts';
import { avroTagBytes } from './tag-limits.ts';

/** The exact data size of the transaction build() makes for this batch, without signing anything. */
export function batchDataSize(batch: readonly BatchRecord[], nodeOperator: string, mode: ArweaveMode, signatureType: number): number {
  if (mode === 'l1') return batch.reduce((sum, record) => sum + Buffer.byteLength(record.intentJson), 0);
  const fixed = itemFixedBytes(signatureType);
  return batch.reduce((sum, record) => sum + 64 + fixed + avroTagBytes(recordTags(record, nodeOperator, 'item')) + Buffer.byteLength(record.intentJson), 32);
}

// An item without target or anchor: type (2), signature, owner, two absent-presence bytes, tag
// count and tag byte length (8 each), then tags and data.
function itemFixedBytes(signatureType: number): number {
  const sizes = ITEM_SIGNATURES[signatureType as ItemSignatureType];
  if (sizes === undefined) throw new Error(`no item size for signature type ${signatureType}`);
  return 2 + sizes.signatureLength + sizes.ownerLength + 1 + 1 + 16;
}
