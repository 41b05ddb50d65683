import type { Registry } from 'prom-client';
import type { RequestHandler } from '../http/listen.ts';

/** GET /metrics in the Prometheus text format; 503 when a database-backed gauge cannot be read. */
export function metricsRoute(registry: Registry): RequestHandler {
  return (_req, res) => {
    registry.metrics().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('content-type', registry.contentType);
        res.end(text);
      },
      (error: unknown) => {
        res.statusCode = 503;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}
