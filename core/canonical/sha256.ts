import { createHash } from 'node:crypto';

/** SHA-256 of bytes, or of the UTF-8 encoding of a string. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return createHash('sha256').update(data).digest();
}
