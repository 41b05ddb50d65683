import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChainRoute } from '../../core/plugin/index.ts';
import type { ArcCallbackBook } from './arc-callback-book.ts';
import { parseArcCallbacks } from './arc-callback-body.ts';

/** Where the node takes ARC's callbacks: `POST /chains/bsv/arc-callback`. */
export const ARC_CALLBACK_PATH = 'arc-callback';
/** A full batch of 500 MINED callbacks with deep Merkle paths stays well under this. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Statuses after which the core should ask again now rather than at the next poll. */
const NEWS = new Set(['MINED', 'MINED_IN_STALE_BLOCK', 'REJECTED', 'DOUBLE_SPEND_ATTEMPTED']);

/**
 * ARC's callbacks (single or batched) for the transactions this node sent with X-CallbackUrl:
 * `Authorization: Bearer <callbackToken>` compared in constant time (401 otherwise, nothing
 * read), each callback taken into the book (a replayed or older one changes nothing), and the
 * transactions with news handed to the core to follow at once. ARC retries a callback that is
 * not answered 2xx, so a malformed body is 400 and a taken one 200.
 */
export function arcCallbackRoute(book: ArcCallbackBook, callbackToken: string, log: Logger): ChainRoute {
  const expected = digest(`Bearer ${callbackToken}`);
  return {
    method: 'POST',
    path: ARC_CALLBACK_PATH,
    maxBodyBytes: MAX_BODY_BYTES,
    async handle({ headers, body }) {
      const given = headers['authorization'];
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        log.warn({ authorization: given === undefined ? 'missing' : 'wrong' }, 'bsv: ARC callback refused: not the callback token');
        return { status: 401, body: { reason: 'UNAUTHENTICATED', message: 'Authorization must be Bearer <callbackToken>' } };
      }
      const callbacks = parseArcCallbacks(body);
      if ('malformed' in callbacks) {
        log.warn({ detail: callbacks.malformed }, 'bsv: ARC callback refused: malformed');
        return { status: 400, body: { reason: 'MALFORMED_CALLBACK', message: callbacks.malformed } };
      }
      const news = new Set<string>();
      let taken = 0;
      for (const callback of callbacks) {
        if (!book.take(callback)) continue;
        taken += 1;
        if (NEWS.has(callback.txStatus)) news.add(callback.txid);
      }
      log.debug({ received: callbacks.length, taken }, 'bsv: ARC callbacks');
      return { status: 200, body: { received: callbacks.length, taken }, news: [...news] };
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
