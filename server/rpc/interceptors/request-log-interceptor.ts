import { ConnectError, type Interceptor } from '@connectrpc/connect';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** One structured log line per call with a request id (echoed back as `x-request-id`), duration and code. */
export function requestLogInterceptor(log: Logger): Interceptor {
  return (next) => async (req) => {
    const incoming = req.header.get('x-request-id');
    const requestId = incoming && incoming.length <= 128 ? incoming : randomUUID();
    const started = performance.now();
    const fields = { requestId, procedure: `${req.service.typeName}/${req.method.name}`, protocol: protocolOf(req.header.get('content-type')) };
    try {
      const res = await next(req);
      res.header.set('x-request-id', requestId);
      log.debug({ ...fields, ms: Math.round(performance.now() - started) }, 'rpc ok');
      return res;
    } catch (error) {
      const code = error instanceof ConnectError ? error.code : undefined;
      log.info({ ...fields, ms: Math.round(performance.now() - started), code, err: { message: String((error as Error)?.message) } }, 'rpc refused');
      throw error;
    }
  };
}

function protocolOf(contentType: string | null): string {
  if (contentType?.startsWith('application/grpc-web')) return 'grpc-web';
  if (contentType?.startsWith('application/grpc')) return 'grpc';
  return 'connect';
}
