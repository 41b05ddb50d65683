import { PublisherError } from '../errors/index.ts';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True for errors that mean "the database cannot be reached right now" rather than "this query
 * is wrong": connection failures, server shutdown, too many connections, pool timeouts.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53300 (too many connections).
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
}

/** Rethrows a connectivity failure as STORE_UNAVAILABLE; anything else unchanged. */
export function asStoreError(error: unknown): unknown {
  if (error instanceof PublisherError || !isStoreUnavailable(error)) return error;
  return new PublisherError('STORE_UNAVAILABLE', 'the database cannot be reached; retry later', { cause: error });
}
