import { PublisherSdkError } from '../errors/sdk-error.ts';

/** WebCrypto's SubtleCrypto, typed from the runtime's own global so no DOM or Node types leak in. */
export type Subtle = typeof globalThis.crypto.subtle;
/** A WebCrypto key handle (CryptoKey), as the runtime defines it. */
export type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

/** Browsers and Node ≥ 20 both expose WebCrypto as globalThis.crypto; nothing else is used. */
export function subtle(): Subtle {
  const crypto = (globalThis as { crypto?: typeof globalThis.crypto }).crypto;
  if (crypto?.subtle === undefined) {
    throw new PublisherSdkError('UNSUPPORTED_RUNTIME', 'WebCrypto (globalThis.crypto.subtle) is not available; use a browser or Node 20+ (in a browser, a secure context)');
  }
  return crypto.subtle;
}

/** Cryptographically random bytes from WebCrypto's getRandomValues. */
export function randomBytes(length: number): Uint8Array {
  const crypto = (globalThis as { crypto?: typeof globalThis.crypto }).crypto;
  if (crypto?.getRandomValues === undefined) {
    throw new PublisherSdkError('UNSUPPORTED_RUNTIME', 'WebCrypto getRandomValues is not available in this runtime');
  }
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A copy backed by a plain ArrayBuffer, which is what WebCrypto's BufferSource accepts. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
