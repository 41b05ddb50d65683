const alphabet = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 §5), the encoding of every binary field on the wire. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes base64url only in its one canonical form (no padding, no foreign characters, unused
 * trailing bits zero), so each byte string has exactly one accepted text and a signature or key
 * cannot be re-spelled. Returns undefined for anything else; callers name the field in the error.
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1 || !alphabet.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores non-zero trailing bits when decoding; re-encoding exposes them.
  return bytes.toString('base64url') === text ? bytes : undefined;
}
