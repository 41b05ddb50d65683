/**
 * The base of adapters' own error classes, so the core can act on what they throw without
 * knowing the adapter. The one reason the core acts on is `too_large`: `recordIds` names records
 * that no transaction of this chain can ever carry; the core fails exactly those and builds the rest.
 */
export class AdapterError extends Error {
  override readonly name: string = 'AdapterError';
  readonly reason: string;
  readonly recordIds: readonly string[];

  constructor(reason: string, message: string, options: { cause?: unknown; recordIds?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.recordIds = options.recordIds ?? [];
  }
}

export function isRecordsTooLarge(error: unknown): error is AdapterError {
  return error instanceof AdapterError && error.reason === 'too_large' && error.recordIds.length > 0;
}
