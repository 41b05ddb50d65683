/** Which address family a creator address is rendered for. */
export type Network = 'mainnet' | 'test';

/**
 * One way of signing a digest, by its wire name (`signer.scheme`). Text forms are the ones the
 * envelope carries; each decoder accepts exactly one spelling of a key or signature, so the same
 * bytes can never arrive under two texts. Every scheme can also sign, because the node's receipt
 * key and the tests hold private keys of the same kinds creators do.
 */
export interface SignatureScheme {
  readonly name: string;
  /** Envelope text to key bytes; a wrong length, encoding or invalid key is MALFORMED_INTENT. */
  decodePublicKey(text: string): Uint8Array;
  encodePublicKey(publicKey: Uint8Array): string;
  /** Envelope text to signature bytes; a wrong length or encoding is MALFORMED_INTENT. */
  decodeSignature(text: string): Uint8Array;
  encodeSignature(signature: Uint8Array): string;
  /** True only for a valid, non-malleable signature over exactly these 32 bytes. Never throws. */
  verify(digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  /** The creator address shown to users and written to chain tags. */
  address(publicKey: Uint8Array, network: Network): string;
  generatePrivateKey(): Uint8Array;
  publicKeyFromPrivate(privateKey: Uint8Array): Uint8Array;
  /** Signs the 32-byte digest as is; deterministic where the scheme allows it. */
  sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array;
}
