import type { Tag, TagLayer } from './record-tags.ts';

/** ANS-104's limits on a data item's tags (wire-format.md §4); arbundles refuses more on verification. */
export const itemTagLimits = { maxTags: 128, maxNameBytes: 1024, maxValueBytes: 3072, maxTotalBytes: 4096 } as const;
/** A layer-1 transaction's tags: names and values together, in bytes (ar_tx:tags_to_binary). */
export const l1TagLimitBytes = 2048;

/**
 * Why these tags cannot go on `layer`, or undefined when they can. Checked before anything is
 * signed: the local gateway enforces none of these limits, real ones refuse the whole transaction.
 */
export function tagLimitProblem(tags: readonly Tag[], layer: TagLayer): string | undefined {
  const sizes = tags.map((tag) => ({ tag, name: Buffer.byteLength(tag.name), value: Buffer.byteLength(tag.value) }));
  if (layer === 'l1') {
    const total = sizes.reduce((sum, s) => sum + s.name + s.value, 0);
    return total > l1TagLimitBytes ? `its tags take ${total} bytes, over the ${l1TagLimitBytes} bytes a layer-1 transaction allows` : undefined;
  }
  const limits = itemTagLimits;
  if (tags.length > limits.maxTags) return `it has ${tags.length} tags, over ANS-104's ${limits.maxTags}`;
  for (const { tag, name, value } of sizes) {
    if (name === 0 || value === 0) return `tag ${JSON.stringify(tag.name)} has an empty name or value, which ANS-104 forbids`;
    if (name > limits.maxNameBytes) return `a tag name takes ${name} bytes, over ANS-104's ${limits.maxNameBytes}`;
    if (value > limits.maxValueBytes) return `tag ${JSON.stringify(tag.name)} takes ${value} bytes, over ANS-104's ${limits.maxValueBytes}`;
  }
  const total = avroTagBytes(tags);
  return total > limits.maxTotalBytes ? `its tags take ${total} bytes encoded, over ANS-104's ${limits.maxTotalBytes}` : undefined;
}

/**
 * The size of the tags as an ANS-104 item encodes them (Avro: a block count, then each name and
 * value as a length-prefixed string, then a 0), which is what the 4096-byte limit counts.
 */
export function avroTagBytes(tags: readonly Tag[]): number {
  if (tags.length === 0) return 0;
  let total = avroLongBytes(tags.length) + 1;
  for (const tag of tags) {
    const name = Buffer.byteLength(tag.name);
    const value = Buffer.byteLength(tag.value);
    total += avroLongBytes(name) + name + avroLongBytes(value) + value;
  }
  return total;
}

/** Bytes of a zig-zag varint (non-negative n: 2n, 7 bits a byte). */
function avroLongBytes(n: number): number {
  let bytes = 1;
  for (let rest = n * 2; rest >= 128; rest = Math.floor(rest / 128)) bytes += 1;
  return bytes;
}
