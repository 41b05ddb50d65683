import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RequestHandler } from '../http/listen.ts';

/**
 * GET /metrics in the Prometheus text format; 503 when a database-backed gauge cannot be read.
 * The cause (a database error names its host and port) goes to the node's log, not to the scraper.
 */
export function metricsRoute(registry: Registry, log: Logger): RequestHandler {
  // Scrapes that arrive while one is being collected share it: a client pipelining thousands of
  // GET /metrics on one connection costs one collection (its database queries), not thousands.
  let collecting: Promise<string> | null = null;
  const collect = () => {
    collecting ??= registry.metrics().finally(() => {
      collecting = null;
    });
    return collecting;
  };
  return (_req, res) => {
    collect().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('content-type', registry.contentType);
        res.end(text);
      },
      (error: unknown) => {
        log.warn({ err: error }, 'metrics unavailable');
        res.statusCode = 503;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('metrics unavailable: a gauge could not be read (see the node log)\n');
      },
    );
  };
}
