import http2 from 'node:http2';
import type { ConnectionLimits, LimitObserver } from './listen.ts';

export interface Http2Guard {
  /** GOAWAY to every session: no new streams; open ones finish. */
  closeAll(): void;
}

interface Watched {
  streams: number;
  lastActive: number;
  /** Streams the client reset before its answer was out, in the current 10 s window. */
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
 *
 * A reset counts whether it came before the node answered ('aborted') or after the answer was
 * written but before it went out: a request complete in the same read as its RST_STREAM (what
 * node:http2's client sends for a stream closed at once: HEADERS, an empty DATA with END_STREAM,
 * RST_STREAM) is answered within that read, so the stream closes with the client's error code and
 * without 'aborted', its answer discarded. A stream the node cuts itself (a stalled body, CANCEL)
 * counts too. test/hostile/connections.test.ts drives both kinds of reset.
 */
export function guardHttp2Sessions(h2: http2.Http2Server, limits: ConnectionLimits, observe: LimitObserver): Http2Guard {
  const sessions = new Map<http2.ServerHttp2Session, Watched>();

  h2.on('session', (session) => {
    const now = Date.now();
    const watched: Watched = { streams: 0, lastActive: now, resets: 0, windowStart: now };
    sessions.set(session, watched);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => session.destroy());
    const countReset = () => {
      const at = Date.now();
      if (at - watched.windowStart > RESET_WINDOW_MS) {
        watched.windowStart = at;
        watched.resets = 0;
      }
      watched.resets += 1;
      if (watched.resets > limits.http2MaxResetsPer10s && !session.closed && !session.destroyed) {
        observe('http2_resets');
        session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM);
        session.destroy();
      }
    };
    session.on('stream', (stream) => {
      watched.streams += 1;
      watched.lastActive = Date.now();
      let aborted = false;
      stream.once('aborted', () => (aborted = true));
      stream.once('close', () => {
        watched.streams -= 1;
        watched.lastActive = Date.now();
        if (aborted || stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) countReset();
      });
    });
  });

  const closeIdle = () => {
    const now = Date.now();
    for (const [session, watched] of sessions) {
      if (watched.streams > 0 || now - watched.lastActive < limits.idleTimeoutMs || session.closed) continue;
      observe('http2_idle');
      goAway(session);
    }
  };
  // Judged after this turn's I/O (setImmediate runs after the poll phase, timers before it): a
  // request that arrived while the event loop was busy is read, and its session counted active,
  // before the session is judged idle; judged first, its stream would be refused by the GOAWAY
  // (REFUSED_STREAM, which connect-node reports as INTERNAL).
  const sweep = setInterval(() => setImmediate(closeIdle), SWEEP_MS);
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
