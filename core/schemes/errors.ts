import { PublisherError } from '../errors/index.ts';

/** A key or signature text that is not the one accepted spelling of a valid value. */
export function encodingError(scheme: string, field: 'publicKey' | 'signature', problem: string): PublisherError {
  return new PublisherError('MALFORMED_INTENT', `${scheme} ${field} ${problem}`, {
    metadata: { scheme, field },
  });
}

/** A private key a holder supplied that the scheme cannot sign with as the wire format requires. */
export function privateKeyError(scheme: string, problem: string, cause?: unknown): PublisherError {
  return new PublisherError('INVALID_REQUEST', `${scheme} private key ${problem}`, {
    cause,
    metadata: { scheme, field: 'privateKey' },
  });
}
