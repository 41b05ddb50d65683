import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { guardHttp2Sessions, type Http2Guard } from './http2-guard.ts';

export type RequestHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

export interface ListeningServer {
  host: string;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then drops what is left. */
  close(graceMs?: number): Promise<void>;
}

/** Connection-level limits (a subset of ServerLimits, server/config/server-limits.ts). */
export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerPeer: number;
  sniffTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  requestTimeoutMs: number;
  http2MaxConcurrentStreams: number;
  http2MaxResetsPer10s: number;
}

/** Told when a connection or session is cut for breaking a limit (for metrics and logs). */
export type LimitObserver = (limit: 'connections' | 'connections_per_peer' | 'sniff_timeout' | 'http2_idle' | 'http2_resets') => void;

/** The connection preface every HTTP/2 client sends first (RFC 9113 §3.4); HTTP/1.x never starts with it. */
const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * One TCP port that speaks both HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the first
 * bytes of each connection decide which server gets it. gRPC needs h2c; browsers and curl
 * often speak HTTP/1.1; Connect and gRPC-Web work over either. Every phase of a connection has a
 * time limit, and connections are counted in all and per peer address (docs/operations.md, "Limits").
 */
export function listen(handler: RequestHandler, host: string, port: number, limits: ConnectionLimits, observe: LimitObserver = () => undefined): Promise<ListeningServer> {
  const h1 = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: Math.min(5_000, limits.idleTimeoutMs),
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    handler,
  );
  // The HTTP/1 server never listens itself; this starts its connection tracking (idle closing on
  // shutdown, header and request timeouts) as listen() would.
  h1.emit('listening');
  const h2 = http2.createServer(
    {
      settings: { maxConcurrentStreams: limits.http2MaxConcurrentStreams },
      // Bounds what nghttp2 buffers per session (default 10 MB) and the refused streams it tolerates.
      maxSessionMemory: 10,
      maxSessionRejectedStreams: 100,
      maxSessionInvalidFrames: 100,
    },
    handler,
  );
  const guard: Http2Guard = guardHttp2Sessions(h2, limits, observe);
  const sockets = new Set<net.Socket>();
  const perPeer = new Map<string, number>();

  const tcp = net.createServer((socket) => {
    const peer = socket.remoteAddress ?? '';
    const fromPeer = perPeer.get(peer) ?? 0;
    if (sockets.size >= limits.maxConnections || fromPeer >= limits.maxConnectionsPerPeer) {
      observe(sockets.size >= limits.maxConnections ? 'connections' : 'connections_per_peer');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    perPeer.set(peer, fromPeer + 1);
    socket.once('close', () => {
      sockets.delete(socket);
      const left = (perPeer.get(peer) ?? 1) - 1;
      if (left > 0) perPeer.set(peer, left);
      else perPeer.delete(peer);
    });
    socket.on('error', () => socket.destroy());
    const sniffTimer = setTimeout(() => {
      observe('sniff_timeout');
      socket.destroy();
    }, limits.sniffTimeoutMs);
    let head = Buffer.alloc(0);
    const sniff = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const n = Math.min(head.length, H2_PREFACE.length);
      const isH2 = head.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2 && n < H2_PREFACE.length) return; // not enough bytes to decide yet
      clearTimeout(sniffTimer);
      socket.off('data', sniff);
      socket.pause();
      socket.unshift(head);
      // Both servers pick up the unshifted bytes: http2 reads what is buffered on its next tick
      // (and then consumes the native handle); the HTTP/1 parser reads once the socket flows.
      if (isH2) {
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', sniff);
    socket.once('close', () => clearTimeout(sniffTimer));
  });

  return new Promise((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      const address = tcp.address() as net.AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        host: address.address,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: (graceMs = 10_000) => closeAll(tcp, h1, guard, sockets, graceMs),
      });
    });
  });
}

async function closeAll(tcp: net.Server, h1: http.Server, guard: Http2Guard, sockets: Set<net.Socket>, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
  h1.close(() => undefined); // stops its timers and closes idle keep-alive connections
  guard.closeAll(); // GOAWAY: no new streams, open ones finish
  const timer = setTimeout(() => {
    for (const socket of sockets) socket.destroy();
  }, graceMs);
  const idle = setInterval(() => h1.closeIdleConnections(), 100);
  await closed;
  clearTimeout(timer);
  clearInterval(idle);
}
