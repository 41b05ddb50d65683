import { ByteReader } from '../../encoding/byte-reader.ts';
import { fromUtf8 } from '../../encoding/utf8.ts';

export interface Tag {
  readonly name: string;
  readonly value: string;
}

/**
 * ANS-104 tags: an Avro array of {name, value} records, both Avro strings. An array is a series
 * of blocks, each a zig-zag count (negative: followed by the block's byte size) and its items,
 * ended by a zero count. Every byte must be used, and names and values must be valid UTF-8.
 */
export function parseAvroTags(bytes: Uint8Array): Tag[] {
  const reader = new ByteReader(bytes, 'ANS-104 tags');
  const tags: Tag[] = [];
  for (;;) {
    let count = readLong(reader);
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      readLong(reader);
    }
    for (let i = 0; i < count; i++) {
      tags.push({ name: readString(reader), value: readString(reader) });
    }
  }
  reader.end();
  return tags;
}

/** Avro long: a zig-zag varint, little-endian groups of 7 bits. */
function readLong(reader: ByteReader): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = reader.u8('Avro long');
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) break;
    scale *= 128;
    if (scale > 2 ** 49) reader.fail('Avro long is too large');
  }
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

function readString(reader: ByteReader): string {
  const length = readLong(reader);
  if (length < 0) reader.fail('negative Avro string length');
  const bytes = reader.read(length, 'Avro string');
  try {
    return fromUtf8(bytes);
  } catch {
    return reader.fail('tag is not valid UTF-8');
  }
}
