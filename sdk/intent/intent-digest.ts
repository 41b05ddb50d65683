import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../encoding/hex.ts';
import { utf8 } from '../encoding/utf8.ts';
import { canonicalJson } from '../json/canonical-json.ts';

export interface IntentDigest {
  /** RFC 8785 JSON of the envelope without "signature": the bytes the digest covers. */
  readonly signingInput: string;
  readonly digest: Uint8Array;
  /** Lowercase hex of the digest. */
  readonly recordId: string;
}

/**
 * digest = SHA-256(UTF-8(JCS(envelope without "signature"))) (wire-format.md §1). The same rule
 * signs receipts, so this takes any JSON object.
 */
export function intentDigest(envelope: object): IntentDigest {
  const { signature: _signature, ...unsigned } = envelope as { signature?: unknown };
  const signingInput = canonicalJson(unsigned);
  const digest = sha256(utf8(signingInput));
  return { signingInput, digest, recordId: toHex(digest) };
}
