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

/**
 * Read by shape, not by class: a plugin loaded from its own package may carry its own copy of
 * AdapterError (or an error of its own with the same members), and must be understood the same.
 */
export function isRecordsTooLarge(error: unknown): error is Pick<AdapterError, 'reason' | 'recordIds' | 'message'> {
  if (!(error instanceof Error)) return false;
  const { reason, recordIds } = error as Partial<Record<'reason' | 'recordIds', unknown>>;
  return reason === 'too_large' && Array.isArray(recordIds) && recordIds.length > 0 && recordIds.every((id) => typeof id === 'string');
}
