import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';

/**
 * A failed call as the SDK error: the node's stable reason from its publisher.v1.ErrorDetail
 * (api.md), or, when the call failed before any node decided (network, UNIMPLEMENTED), the
 * status code name, e.g. UNAVAILABLE, which is also what a request that got no answer at all gives.
 */
export function toSdkError(error: unknown): PublisherSdkError {
  if (error instanceof PublisherSdkError) return error;
  const connectError = ConnectError.from(error);
  if (connectError.code === Code.Unknown && connectError.cause instanceof TypeError) {
    // fetch rejects with a TypeError when no answer came at all ("Failed to fetch", "fetch failed").
    return new PublisherSdkError('UNAVAILABLE', `cannot reach the node: ${connectError.rawMessage}`, { cause: error, code: 'unavailable' });
  }
  const detail = connectError.findDetails(ErrorDetailSchema)[0];
  const code = codeName(connectError.code);
  return new PublisherSdkError(detail?.reason || code.toUpperCase(), connectError.rawMessage, {
    cause: error,
    code,
    metadata: { ...detail?.metadata },
  });
}

/** The canonical snake-case name of a status code ("invalid_argument"), as Connect spells it. */
export function codeName(code: Code): string {
  return (Code[code] ?? 'Unknown').replace(/[A-Z]/g, (letter, at: number) => (at === 0 ? '' : '_') + letter.toLowerCase());
}
