/** Which address family a creator address is rendered for (wire-format.md §1). */
export type Network = 'mainnet' | 'test';

/** The signature schemes of wire-format.md §1, by wire name. */
export type SchemeName = 'secp256k1' | 'arweave-rsa-pss';

/**
 * The verifying half of a signature scheme. Decoders accept exactly the one spelling the node
 * accepts, so anything the SDK verifies the node verifies too.
 */
export interface VerifyingScheme {
  readonly name: SchemeName;
  /** Envelope text to key bytes; undefined for a wrong length, encoding or invalid key. */
  decodePublicKey(text: string): Uint8Array | undefined;
  /** Envelope text to signature bytes; undefined for a wrong length or encoding. */
  decodeSignature(text: string): Uint8Array | undefined;
  /** True only for a valid, non-malleable signature over exactly these 32 bytes. Never throws. */
  verify(digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
  /** The creator address shown to users and written to chain tags. */
  address(publicKey: Uint8Array, network: Network): string;
}
