import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Res = ServerResponse | http2.Http2ServerResponse;

interface Watched {
  /** Bytes waiting to go out at the last look. */
  pending: number;
  /** When they last went down (or the answer was first seen). */
  progressAt: number;
}

export interface ResponseWatchdog {
  watch(req: IncomingMessage | http2.Http2ServerRequest, res: Res): void;
  stop(): void;
}

/**
 * A client that stops reading leaves its answers buffered in the node (an HTTP/2 window of 0, or
 * HTTP/1.1 requests pipelined by the thousand and never read). Once a second every open answer is
 * looked at: one whose unsent bytes have not gone down for `stallMs` is cut (HTTP/2: the stream
 * reset with CANCEL; HTTP/1.1: the connection closed), and what it held is freed. An answer with
 * nothing waiting, such as a quiet WatchRecord stream, is never cut.
 */
export function createResponseWatchdog(stallMs: number, onCut: () => void): ResponseWatchdog {
  const open = new Map<Res, Watched>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [res, w] of open) {
      const pending = 'stream' in res ? res.stream.writableLength : res.writableLength;
      if (pending === 0 || pending < w.pending) {
        w.pending = pending;
        w.progressAt = now;
      } else if (now - w.progressAt >= stallMs) {
        open.delete(res);
        onCut();
        if ('stream' in res) res.stream.close(http2.constants.NGHTTP2_CANCEL);
        else res.socket?.destroy();
      } else w.pending = pending;
    }
  }, 1_000);
  timer.unref();
  return {
    watch(_req, res) {
      open.set(res, { pending: 0, progressAt: Date.now() });
      res.once('close', () => open.delete(res));
    },
    stop: () => clearInterval(timer),
  };
}
