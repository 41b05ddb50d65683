/** Every failure of the local Arweave gateway; the message starts with `arweave-devnet:` and says what to do. */
export class ArweaveDevnetError extends Error {
  override readonly name = 'ArweaveDevnetError';
}
