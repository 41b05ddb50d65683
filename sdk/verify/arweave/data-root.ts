import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

const MAX_CHUNK = 256 * 1024;
const MIN_CHUNK = 32 * 1024;

interface Node {
  readonly id: Uint8Array;
  readonly maxByteRange: number;
}

/**
 * The `data_root` a format-2 Arweave transaction commits to for `data`, as arweave-js computes it
 * (lib/merkle.ts): chunks of 256 KiB (the last two evened out when the last would fall under
 * 32 KiB, a final empty chunk kept when the size is a multiple of 256 KiB), a leaf per chunk
 * hash(hash(SHA-256(chunk)) ‖ hash(note(end))), branches hash(hash(left) ‖ hash(right) ‖
 * hash(note(left end))), an odd node carried up; note = 32-byte big-endian offset.
 */
export function dataRoot(data: Uint8Array): Uint8Array {
  let nodes: Node[] = chunkEnds(data.length).map(([start, end]) => ({
    id: sha256(concatBytes(sha256(sha256(data.subarray(start, end))), sha256(note(end)))),
    maxByteRange: end,
  }));
  while (nodes.length > 1) {
    const next: Node[] = [];
    for (let i = 0; i < nodes.length; i += 2) {
      const left = nodes[i]!;
      const right = nodes[i + 1];
      next.push(right === undefined ? left : { id: sha256(concatBytes(sha256(left.id), sha256(right.id), sha256(note(left.maxByteRange)))), maxByteRange: right.maxByteRange });
    }
    nodes = next;
  }
  return nodes[0]!.id;
}

function chunkEnds(size: number): [number, number][] {
  const ranges: [number, number][] = [];
  let cursor = 0;
  while (size - cursor >= MAX_CHUNK) {
    const rest = size - cursor;
    const chunk = rest - MAX_CHUNK > 0 && rest - MAX_CHUNK < MIN_CHUNK ? Math.ceil(rest / 2) : MAX_CHUNK;
    ranges.push([cursor, cursor + chunk]);
    cursor += chunk;
  }
  ranges.push([cursor, size]);
  return ranges;
}

function note(offset: number): Uint8Array {
  const bytes = new Uint8Array(32);
  let rest = offset;
  for (let i = 31; i >= 0 && rest > 0; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}
