import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import type { Logger } from 'pino';
import { PublisherError, type Status } from '../../../core/errors/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import { ErrorDetailSchema } from '../../../proto/gen/publisher/v1/common_pb.ts';

const codes: Record<Status, Code> = {
  invalid_argument: Code.InvalidArgument,
  unauthenticated: Code.Unauthenticated,
  permission_denied: Code.PermissionDenied,
  already_exists: Code.AlreadyExists,
  not_found: Code.NotFound,
  failed_precondition: Code.FailedPrecondition,
  resource_exhausted: Code.ResourceExhausted,
  unavailable: Code.Unavailable,
  deadline_exceeded: Code.DeadlineExceeded,
  unimplemented: Code.Unimplemented,
};

/**
 * A message as a client can receive it: refusals may quote the request, which may hold lone
 * surrogates (gRPC's percent-encoding of grpc-message cannot carry them) or be long (grpc-message
 * is a header).
 */
function printable(message: string): string {
  const text = message.toWellFormed();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

const MAX_MESSAGE = 1000;

/** Turns a PublisherError into the Connect status of api.md, with the reason as an error detail. */
export function toConnectError(error: PublisherError): ConnectError {
  // The reason leads the message too, for clients that only show messages.
  const message = printable(error.message.startsWith(`${error.reason}:`) ? error.message : `${error.reason}: ${error.message}`);
  return new ConnectError(message, codes[error.status], undefined, [
    { desc: ErrorDetailSchema, value: { reason: error.reason, metadata: { ...error.metadata } } },
  ]);
}

/**
 * The one place where errors become statuses. Refusals keep their code and reason; a lost
 * database becomes UNAVAILABLE; anything unexpected is logged with its stack and answered as
 * INTERNAL without internals in the message.
 */
export function errorInterceptor(log: Logger): Interceptor {
  const map = (error: unknown, procedure: string): ConnectError => asConnectError(error, procedure, log);
  return (next) => async (req) => {
    const procedure = req.method.name;
    let res;
    try {
      res = await next(req);
    } catch (error) {
      throw map(error, procedure);
    }
    if (!res.stream) return res;
    const messages = res.message;
    return {
      ...res,
      message: (async function* () {
        try {
          yield* messages;
        } catch (error) {
          throw map(error, procedure);
        }
      })(),
    };
  };
}

/** Any error a handler throws, as the status the client gets (logged when unexpected). */
export function asConnectError(error: unknown, procedure: string, log: Logger): ConnectError {
  const known = asStoreError(error);
  if (known instanceof PublisherError) return toConnectError(known);
  if (known instanceof ConnectError) {
    if (printable(known.rawMessage) === known.rawMessage) return known;
    const safe = new ConnectError(printable(known.rawMessage), known.code, known.metadata, undefined, known.cause);
    safe.details = known.details;
    return safe;
  }
  log.error({ err: known, procedure }, 'unexpected error in RPC handler');
  return new ConnectError('internal error; the node logged the details', Code.Internal);
}
