import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ArcError } from './arc-errors.ts';
import { BsvDevnetError } from './errors.ts';
import { header, HttpError, sendJson, type Route } from './http-util.ts';

/**
 * One HTTP server for every API. With an API key, every request must carry
 * `Authorization: Bearer <key>` (WhatsOnChain's paths also take the bare key, as WoC clients send it).
 * Unknown paths and methods answer like ARC's HTTP framework (echo): `{"message": …}`.
 */
export function createDevnetServer(routes: Route[], apiKey: string | undefined, log: Logger): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://devnet').pathname;
    if (apiKey !== undefined && !authorized(header(req, 'authorization'), apiKey, path.startsWith('/v1/bsv/'))) {
      return sendJson(res, 401, { message: 'Unauthorized' });
    }
    const matching = routes.filter((r) => r.path.test(path));
    const route = matching.find((r) => r.method === req.method);
    if (!route) return sendJson(res, matching.length > 0 ? 405 : 404, { message: matching.length > 0 ? 'Method Not Allowed' : 'Not Found' });
    await route.handler(req, res, route.path.exec(path)!.slice(1));
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof ArcError) return sendJson(res, error.status, error.problem());
      if (error instanceof HttpError) return sendJson(res, error.status, error.body);
      if (error instanceof BsvDevnetError) return sendJson(res, 400, { message: error.message });
      log.error({ err: error, method: req.method, url: req.url }, 'bsv-devnet: request failed');
      sendJson(res, 500, { message: 'Internal Server Error' });
    });
  });
}

function authorized(given: string | undefined, apiKey: string, bareKeyAllowed: boolean): boolean {
  if (given === undefined) return false;
  return same(given, `Bearer ${apiKey}`) || (bareKeyAllowed && same(given, apiKey));
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
