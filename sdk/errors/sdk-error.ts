/**
 * Reasons the SDK raises itself. Refusals from a node keep the node's reason (api.md, for example
 * BAD_SIGNATURE or NONCE_REUSED); calls that fail without one carry the Connect code name
 * (UNIMPLEMENTED, UNAVAILABLE, …).
 */
export type LocalReason =
  /** An argument the SDK was given cannot become a valid intent, key or request. */
  | 'INVALID_INPUT'
  /** A key is not one the wire format accepts (wrong size, exponent, curve point). */
  | 'INVALID_KEY'
  /** The key given to signIntent is not the one the envelope names as its signer. */
  | 'KEY_MISMATCH'
  /** A node answered with JSON the SDK could not read (receipt, proof). */
  | 'MALFORMED_RESPONSE'
  /** A binary part of a proof (transaction, Merkle path, data item) does not parse. */
  | 'MALFORMED_PROOF'
  /** WebCrypto is missing from this runtime. */
  | 'UNSUPPORTED_RUNTIME';

export type SdkErrorReason = LocalReason | (string & {});

export interface SdkErrorOptions {
  readonly cause?: unknown;
  /** The Connect status code name for errors that came from a call, e.g. "invalid_argument". */
  readonly code?: string;
  /** Machine-readable context, for example the node's ErrorDetail metadata. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The one error class the SDK throws; branch on `reason`, which is stable, not on the message. */
export class PublisherSdkError extends Error {
  override readonly name = 'PublisherSdkError' as const;
  readonly reason: SdkErrorReason;
  readonly code: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;

  constructor(reason: SdkErrorReason, message: string, options: SdkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.code = options.code;
    this.metadata = options.metadata ?? {};
  }
}

export function isPublisherSdkError(error: unknown): error is PublisherSdkError {
  return error instanceof PublisherSdkError;
}
