import { PublisherSdkError } from '../errors/sdk-error.ts';
import { schemeByName } from '../schemes/registry.ts';
import type { Network } from '../schemes/scheme.ts';

/**
 * The creator address of a signer (wire-format.md §1): a BSV P2PKH address for secp256k1 (version
 * 0x00 on mainnet, 0x6f on test networks), base64url(SHA-256(n)) for arweave-rsa-pss on both.
 */
export function creatorAddress(signer: { readonly scheme: string; readonly publicKey: string }, network: Network): string {
  const scheme = schemeByName(signer.scheme);
  const publicKey = scheme?.decodePublicKey(signer.publicKey);
  if (scheme === undefined || publicKey === undefined) {
    throw new PublisherSdkError('INVALID_KEY', `not a valid ${signer.scheme} public key as an envelope spells it`, { metadata: { scheme: signer.scheme } });
  }
  return scheme.address(publicKey, network);
}
