import { sha384 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { utf8 } from '../../encoding/utf8.ts';

export type DeepHashChunk = Uint8Array | readonly DeepHashChunk[];

/**
 * Arweave's deep hash (SHA-384), what ANS-104 items sign, as arbundles computes it:
 * a blob is SHA-384(SHA-384("blob" ‖ decimal length) ‖ SHA-384(bytes)); a list starts from
 * SHA-384("list" ‖ decimal count) and folds each element in as SHA-384(acc ‖ deepHash(element)).
 */
export function deepHash(chunk: DeepHashChunk): Uint8Array {
  if (chunk instanceof Uint8Array) {
    const tag = sha384(utf8(`blob${chunk.length}`));
    return sha384(concatBytes(tag, sha384(chunk)));
  }
  let acc = sha384(utf8(`list${chunk.length}`));
  for (const element of chunk) {
    acc = sha384(concatBytes(acc, deepHash(element)));
  }
  return acc;
}
