import { sha256 } from '@noble/hashes/sha2.js';

const hash = (...parts: Uint8Array[]): Uint8Array => {
  const h = sha256.create();
  for (const part of parts) h.update(part);
  return h.digest();
};

/** RFC 6962 §2.1: a leaf's hash, SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return hash(Uint8Array.of(0), entry);
}

/** RFC 6962 §2.1: an interior node's hash, SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash(Uint8Array.of(1), left, right);
}
