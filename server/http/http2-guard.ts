import http2 from 'node:http2';
import type { ConnectionLimits, LimitObserver } from './listen.ts';

export interface Http2Guard {
  /** GOAWAY to every session: no new streams; open ones finish. */
  closeAll(): void;
}

interface Watched {
  streams: number;
  lastActive: number;
  /** Streams the client reset before the node answered, in the current 10 s window. */
  resets: number;
  windowStart: number;
}

const RESET_WINDOW_MS = 10_000;
const SWEEP_MS = 1_000;
/** How long a session told to go away may take to finish its streams before it is cut. */
const GOAWAY_GRACE_MS = 10_000;

/**
 * Two things Node's HTTP/2 server does not do by itself:
 * - close a session that has had no open stream for `idleTimeoutMs` (a long WatchRecord stream
 *   keeps its session, however quiet), and
 * - end a session whose client resets more than `http2MaxResetsPer10s` streams in 10 s with
 *   GOAWAY ENHANCE_YOUR_CALM: every reset stream has already cost the node a request, so
 *   counting them (not the streams open at once) is what stops a rapid-reset flood (CVE-2023-44487)
 *   every time, whatever nghttp2's own rate limit does.
 */
export function guardHttp2Sessions(h2: http2.Http2Server, limits: ConnectionLimits, observe: LimitObserver): Http2Guard {
  const sessions = new Map<http2.ServerHttp2Session, Watched>();

  h2.on('session', (session) => {
    const now = Date.now();
    const watched: Watched = { streams: 0, lastActive: now, resets: 0, windowStart: now };
    sessions.set(session, watched);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
    session.on('stream', (stream) => {
      watched.streams += 1;
      watched.lastActive = Date.now();
      stream.once('aborted', () => {
        const at = Date.now();
        if (at - watched.windowStart > RESET_WINDOW_MS) {
          watched.windowStart = at;
          watched.resets = 0;
        }
        watched.resets += 1;
        if (watched.resets > limits.http2MaxResetsPer10s && !session.closed) {
          observe('http2_resets');
          session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM);
          session.destroy();
        }
      });
      stream.once('close', () => {
        watched.streams -= 1;
        watched.lastActive = Date.now();
      });
    });
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [session, watched] of sessions) {
      if (watched.streams > 0 || now - watched.lastActive < limits.idleTimeoutMs || session.closed) continue;
      observe('http2_idle');
      goAway(session);
    }
  }, SWEEP_MS);
  sweep.unref();

  return {
    closeAll() {
      clearInterval(sweep);
      for (const session of sessions.keys()) goAway(session);
    },
  };
}

function goAway(session: http2.ServerHttp2Session): void {
  session.close();
  setTimeout(() => session.destroy(), GOAWAY_GRACE_MS).unref();
}
