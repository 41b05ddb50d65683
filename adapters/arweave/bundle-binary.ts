import { createHash } from 'node:crypto';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { ITEM_SIGNATURES, type ItemSignatureType, type SignedItem } from './sign-data-item.ts';

/** One item's place in an ANS-104 binary bundle. */
export interface BundleEntry {
  id: string;
  /** Where the item's bytes start in the bundle, and how many there are. */
  offset: number;
  size: number;
}

/**
 * ANS-104 binary bundle from items that are already signed: item count (32 bytes, little-endian),
 * then per item its size (32 bytes LE) and id (32 bytes), then the items. Assembled here rather
 * than with arbundles' bundleAndSignData, which signs again any item not signed in this process,
 * giving it a new id: the ids written ahead must stay the ids on chain.
 */
export function assembleBundle(items: readonly SignedItem[]): Uint8Array {
  const headerBytes = 32 + 64 * items.length;
  const bundle = Buffer.alloc(headerBytes + items.reduce((sum, item) => sum + item.raw.byteLength, 0));
  bundle.writeUIntLE(items.length, 0, 6);
  let offset = headerBytes;
  items.forEach((item, index) => {
    bundle.writeUIntLE(item.raw.byteLength, 32 + 64 * index, 6);
    Buffer.from(item.id, 'base64url').copy(bundle, 32 + 64 * index + 32);
    bundle.set(item.raw, offset);
    offset += item.raw.byteLength;
  });
  return bundle;
}

/**
 * Reads a bundle's index and checks it against the bytes: sizes add up to the bundle exactly, each
 * item is of a signature type the node issues (1: the wallet, 2: the Ed25519 key), and each id is
 * SHA-256 of its item's signature (which follows the 2-byte type), so an id listed is the id the
 * item really has.
 */
export function readBundle(bytes: Uint8Array): BundleEntry[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new ArweaveAdapterError('raw', `not an ANS-104 bundle of operator items: ${why}`);
  };
  if (buffer.length < 32) fail('shorter than its item count');
  const count = little(buffer, 0);
  let offset = 32 + 64 * count;
  if (offset > buffer.length) fail(`an index of ${count} items does not fit in ${buffer.length} bytes`);
  const entries: BundleEntry[] = [];
  for (let index = 0; index < count; index++) {
    const size = little(buffer, 32 + 64 * index);
    if (size < 2 || offset + size > buffer.length) fail(`item ${index} of ${size} bytes does not fit`);
    const type = buffer.readUInt16LE(offset);
    const sizes = ITEM_SIGNATURES[type as ItemSignatureType];
    if (sizes === undefined) fail(`item ${index} is of signature type ${type}, not one the node issues (1: wallet, 2: Ed25519)`);
    if (size < 2 + sizes.signatureLength) fail(`item ${index} of ${size} bytes does not fit its signature`);
    const id = buffer.subarray(32 + 64 * index + 32, 32 + 64 * index + 64).toString('base64url');
    const signature = buffer.subarray(offset + 2, offset + 2 + sizes.signatureLength);
    if (createHash('sha256').update(signature).digest('base64url') !== id) fail(`item ${index}'s id is not the hash of its signature`);
    entries.push({ id, offset, size });
    offset += size;
  }
  if (offset !== buffer.length) fail(`${buffer.length - offset} bytes after the last item`);
  return entries;
}

/** A 32-byte little-endian number that must fit in 48 bits (no bundle comes near). */
function little(buffer: Buffer, at: number): number {
  if (buffer.subarray(at + 6, at + 32).some((byte) => byte !== 0)) {
    throw new ArweaveAdapterError('raw', `not an ANS-104 bundle of operator items: a size at byte ${at} is out of range`);
  }
  return buffer.readUIntLE(at, 6);
}
