import type { BatchRecord } from '../../core/adapter/index.ts';
import type { ArweaveMode } from './arweave-adapter-options.ts';
import { recordTags } from './record-tags.ts';
import { avroTagBytes } from './tag-limits.ts';

// An item of signature type 1 without target or anchor: type (2), signature (512), owner (512),
// two absent-presence bytes, tag count and tag byte length (8 each), then tags and data.
const ITEM_FIXED_BYTES = 2 + 512 + 512 + 1 + 1 + 16;

/** The exact data size of the transaction build() makes for this batch, without signing anything. */
export function batchDataSize(batch: readonly BatchRecord[], nodeOperator: string, mode: ArweaveMode): number {
  if (mode === 'l1') return batch.reduce((sum, record) => sum + Buffer.byteLength(record.intentJson), 0);
  return batch.reduce((sum, record) => sum + 64 + itemSize(record, nodeOperator), 32);
}

function itemSize(record: BatchRecord, nodeOperator: string): number {
  return ITEM_FIXED_BYTES + avroTagBytes(recordTags(record, nodeOperator, 'item')) + Buffer.byteLength(record.intentJson);
}
