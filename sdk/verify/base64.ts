/** Standard base64 with padding, in its one canonical spelling. Throws otherwise. */
export function decodeBase64(text: string): Uint8Array {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (encodeBase64(bytes) !== text) throw new Error(`not canonical base64: ${text.slice(0, 20)}`);
  return bytes;
}

/** Standard base64 with padding, as checkpoints and tlog proofs write hashes. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
