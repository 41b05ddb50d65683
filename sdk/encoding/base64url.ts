const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const valueOf = new Map([...alphabet].map((char, index) => [char, index]));

/** base64url without padding (RFC 4648 §5), the encoding of every binary field on the wire. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) {
      text += alphabet.charAt((chunk >> (18 - 6 * c)) & 63);
    }
  }
  return text;
}

/**
 * Decodes base64url only in its one canonical form (no padding, no foreign characters, unused
 * trailing bits zero), the same rule the node applies, so a key or signature has one spelling.
 * Returns undefined for anything else; callers name the field in their error.
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of text) {
    const value = valueOf.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits are padding of the last character; a canonical text has them zero.
  return (buffer & ((1 << bits) - 1)) === 0 ? out : undefined;
}
