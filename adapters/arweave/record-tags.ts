import type { BatchRecord, LogCheckpoint } from '../../core/adapter/index.ts';
import { appVersion } from './app-version.ts';

export interface Tag {
  name: string;
  value: string;
}

/** Where the tags go: an ANS-104 data item (bundle mode) or a layer-1 transaction (`l1` mode). */
export type TagLayer = 'item' | 'l1';

/**
 * The tags of one record, exactly as wire-format.md §4 lists them, in that order. On layer 1 an
 * RSA creator's CreatorPubKey is left out, as §4 prescribes (its 683 characters count against the
 * 2048 bytes of layer-1 tags); the key is in the data, the signed envelope, anyway.
 */
export function recordTags(record: BatchRecord, nodeOperator: string, layer: TagLayer): Tag[] {
  const omitPublicKey = layer === 'l1' && record.scheme === 'arweave-rsa-pss';
  return [
    { name: 'App-Name', value: 'chain-publisher' },
    { name: 'App-Version', value: appVersion },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Record-Id', value: record.recordId },
    { name: 'Creator', value: record.creator },
    ...(omitPublicKey ? [] : [{ name: 'CreatorPubKey', value: record.publicKeyText }]),
    { name: 'CreatorSig', value: record.signatureText },
    { name: 'SigningMethod', value: record.scheme },
    { name: 'NodeOperator', value: nodeOperator },
  ];
}

/**
 * The tags of a log checkpoint's item or transaction (transparency-log.md §5), whose data is the
 * signed note: readers find the operator's checkpoints by `Type` and `Log-Origin`, and can tell the
 * size and root without parsing the note.
 */
export function checkpointTags(checkpoint: LogCheckpoint): Tag[] {
  return [
    { name: 'App-Name', value: 'chain-publisher' },
    { name: 'App-Version', value: appVersion },
    { name: 'Content-Type', value: 'text/plain; charset=utf-8' },
    { name: 'Type', value: 'checkpoint' },
    { name: 'Log-Origin', value: checkpoint.origin },
    { name: 'Tree-Size', value: String(checkpoint.treeSize) },
    { name: 'Root-Hash', value: Buffer.from(checkpoint.rootHash).toString('base64') },
  ];
}
