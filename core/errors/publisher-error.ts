import { reasonStatus, type Reason, type Status } from './reasons.ts';

export interface PublisherErrorOptions {
  cause?: unknown;
  /** Machine-readable context for the client, for example the offending field. */
  metadata?: Record<string, string>;
}

/**
 * The one base class for errors that cross module boundaries. Every refusal carries a stable
 * reason; the message says what failed and, where it helps, what to do.
 */
export class PublisherError extends Error {
  override readonly name: string = 'PublisherError';
  readonly reason: Reason;
  readonly metadata: Readonly<Record<string, string>>;

  constructor(reason: Reason, message: string, options: PublisherErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.metadata = options.metadata ?? {};
  }

  get status(): Status {
    return reasonStatus[this.reason];
  }
}

export function isPublisherError(error: unknown): error is PublisherError {
  return error instanceof PublisherError;
}
