import type { Tag } from './record-tags.ts';
import { avroTagBytes } from './tag-limits.ts';

/** An ANS-104 signature type's fixed sizes, as arbundles' signers declare them. */
export interface ItemLayout {
  signatureType: number;
  signatureLength: number;
  ownerLength: number;
}

/** An item laid out with its signature still zero, and the parts its deep hash covers. */
export interface UnsignedItem {
  bytes: Buffer;
  /** The Avro-encoded tags and the data, views into `bytes`. */
  tags: Buffer;
  data: Buffer;
}

/**
 * ANS-104 §1.3's binary data item, written straight into one buffer: signature type (2 bytes
 * LE), signature (zero until signed, at byte 2), owner, no target and no anchor (a 0 presence byte
 * each), tag count and tag bytes (8 bytes LE each), the tags as an Avro array, then the data. The
 * same bytes as arbundles' createData for these inputs (tested), without its intermediate copies.
 */
export function layOutItem(layout: ItemLayout, owner: Uint8Array, tags: readonly Tag[], data: string): UnsignedItem {
  if (owner.length !== layout.ownerLength) throw new Error(`an item of signature type ${layout.signatureType} has a ${layout.ownerLength}-byte owner, got ${owner.length}`);
  const tagBytes = avroTagBytes(tags);
  const dataBytes = Buffer.byteLength(data);
  const tagsAt = 2 + layout.signatureLength + layout.ownerLength + 2 + 16;
  const bytes = Buffer.alloc(tagsAt + tagBytes + dataBytes);
  bytes.writeUInt16LE(layout.signatureType, 0);
  bytes.set(owner, 2 + layout.signatureLength);
  // The target's and the anchor's presence bytes stay 0; then the tag count and byte length.
  bytes.writeUIntLE(tags.length, tagsAt - 16, 6);
  bytes.writeUIntLE(tagBytes, tagsAt - 8, 6);
  const end = writeAvroTags(bytes, tagsAt, tags);
  if (end !== tagsAt + tagBytes) throw new Error(`the tags took ${end - tagsAt} bytes, not the ${tagBytes} counted`);
  bytes.write(data, end, 'utf8');
  return { bytes, tags: bytes.subarray(tagsAt, end), data: bytes.subarray(end) };
}

/**
 * ANS-104's tag encoding: an Avro array of {name: bytes, value: bytes} as one block (the count,
 * then each name and value length-prefixed, then a 0 count), lengths as zig-zag varints; no tags,
 * no bytes at all. Returns where the tags end.
 */
function writeAvroTags(bytes: Buffer, at: number, tags: readonly Tag[]): number {
  if (tags.length === 0) return at;
  let position = writeAvroLong(bytes, at, tags.length);
  for (const { name, value } of tags) {
    for (const text of [name, value]) {
      const length = Buffer.byteLength(text);
      position = writeAvroLong(bytes, position, length);
      position += bytes.write(text, position, length, 'utf8');
    }
  }
  bytes[position] = 0;
  return position + 1;
}

/** A non-negative count as Avro's zig-zag varint (2n, 7 bits a byte, low bits first). */
function writeAvroLong(bytes: Buffer, at: number, n: number): number {
  let rest = n * 2;
  let position = at;
  while (rest >= 128) {
    bytes[position++] = (rest % 128) | 128;
    rest = Math.floor(rest / 128);
  }
  bytes[position++] = rest;
  return position;
}
