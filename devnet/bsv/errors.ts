/** A bad option or admin request; the message says what to change. Answered 400 over HTTP. */
export class BsvDevnetError extends Error {
  override readonly name = 'BsvDevnetError';

  constructor(message: string, options?: ErrorOptions) {
    super(`bsv-devnet: ${message}`, options);
  }
}
