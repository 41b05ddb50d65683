import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Logger } from 'pino';
import { parseTilePath, readTile, type PgLogReader } from '../../core/audit/index.ts';
import type { AdminCheck } from '../rpc/interceptors/admin-auth-interceptor.ts';
import type { RequestHandler } from './listen.ts';

export const LOG_PREFIX = '/log/';

const gzipAsync = promisify(gzip);
/** Tiles and bundles never change once the tree holds them (partial ones too: a width names one content). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The checkpoint moves with every intake group: caches must ask again (tlog-tiles: "not beyond a few seconds"). */
const MUTABLE = 'no-cache';
/**
 * A log behind the token: browsers may keep what they read, shared caches nothing (`public` would
 * let a CDN store a tile fetched with the token and hand it to anyone, RFC 9111 §3.5).
 */
const PRIVATE_IMMUTABLE = 'private, max-age=31536000, immutable';
const PRIVATE_MUTABLE = 'private, no-cache';

/**
 * The transparency log over plain HTTP, per c2sp.org/tlog-tiles with the prefix /log/:
 * `checkpoint` (the latest signed checkpoint), `tile/<L>/<N>[.p/<W>]` (hashes),
 * `tile/entries/<N>[.p/<W>]` (entry bundles), and `verifier-key` (the note verifier key that
 * signs the checkpoints, also in GetInfo). Every answer is read from stored rows, 256 at most.
 * A path that is not one of the API's is 400 with a reason, a resource the latest checkpoint's
 * tree does not hold 404; both are not cached, since the log grows into them.
 *
 * With `guard` (`log.public: false`), every path needs `authorization: Bearer <admin token>`, as
 * /admin/stats does: missing, 401 ADMIN_TOKEN_MISSING (with `www-authenticate: Bearer`); wrong,
 * 403 ADMIN_TOKEN_INVALID; each refusal reported to `guard.refused`. What it serves is then
 * `private` to caches.
 */
export function logRoutes(reader: PgLogReader, verifierKey: string, log: Logger, guard?: { check: AdminCheck; refused: () => void }): RequestHandler {
  const [immutable, mutable] = guard ? [PRIVATE_IMMUTABLE, PRIVATE_MUTABLE] : [IMMUTABLE, MUTABLE];
  return (req, res) => {
    const path = ((req.url ?? '/').split('?')[0] ?? '/').slice(LOG_PREFIX.length);
    const send = (status: number, type: string, cache: string, body: string | Buffer) => {
      res.statusCode = status;
      res.setHeader('content-type', type);
      res.setHeader('cache-control', cache);
      res.end(body);
    };
    const refuse = (status: number, reason: string, message: string) => send(status, 'text/plain; charset=utf-8', 'no-store', `${reason}: ${message}\n`);
    if (guard) {
      const refusal = guard.check('the log', req.headers.authorization);
      if (refusal) {
        guard.refused();
        const missing = refusal.reason === 'ADMIN_TOKEN_MISSING';
        if (missing) res.setHeader('www-authenticate', 'Bearer');
        return refuse(missing ? 401 : 403, refusal.reason, refusal.message);
      }
    }
    const serve = async () => {
      if (path === 'verifier-key') return send(200, 'text/plain; charset=utf-8', mutable, `${verifierKey}\n`);
      const checkpoint = await reader.latestCheckpoint();
      if (!checkpoint) return refuse(404, 'LOG_NOT_STARTED', 'the log has no checkpoint yet');
      if (path === 'checkpoint') return send(200, 'text/plain; charset=utf-8', mutable, checkpoint.note);
      if (!path.startsWith('tile/')) return refuse(404, 'NOT_FOUND', `no resource /log/${clip(path)}: the log serves checkpoint, verifier-key, tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>]`);
      const tile = parseTilePath(path.slice('tile/'.length));
      if ('malformed' in tile) return refuse(400, 'MALFORMED_TILE_PATH', tile.malformed);
      const bytes = await readTile(reader, checkpoint.size, tile);
      if (!bytes) return refuse(404, 'TILE_NOT_FOUND', `the log of ${checkpoint.size} entries holds no ${tile.width < 256 ? `partial ${tile.width}-wide ` : 'full '}${tile.level === 'entries' ? 'entry bundle' : `level-${tile.level} tile`} ${tile.index}`);
      if (tile.level === 'entries' && acceptsGzip(req.headers['accept-encoding'])) {
        res.setHeader('content-encoding', 'gzip');
        res.setHeader('vary', 'accept-encoding');
        return send(200, 'application/octet-stream', immutable, await gzipAsync(bytes));
      }
      return send(200, 'application/octet-stream', immutable, bytes);
    };
    serve().catch((error: unknown) => {
      log.warn({ err: error, path: clip(path) }, 'log resource unavailable');
      if (!res.headersSent) refuse(503, 'STORE_UNAVAILABLE', 'the log could not be read; retry');
      else res.destroy();
    });
  };
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((item) => {
    const [coding = '', ...params] = item.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
