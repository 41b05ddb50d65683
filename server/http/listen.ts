import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

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

/** The connection preface every HTTP/2 client sends first (RFC 9113 §3.4); HTTP/1.x never starts with it. */
const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * One TCP port that speaks both HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the first
 * bytes of each connection decide which server gets it. gRPC needs h2c; browsers and curl
 * often speak HTTP/1.1; Connect and gRPC-Web work over either.
 */
export function listen(handler: RequestHandler, host: string, port: number): Promise<ListeningServer> {
  const h1 = http.createServer(handler);
  // The HTTP/1 server never listens itself; this starts its connection tracking (idle closing on
  // shutdown, header and request timeouts) as listen() would.
  h1.emit('listening');
  const h2 = http2.createServer({}, handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const sockets = new Set<net.Socket>();

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = Buffer.alloc(0);
    const sniff = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const n = Math.min(head.length, H2_PREFACE.length);
      const isH2 = head.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2 && n < H2_PREFACE.length) return; // not enough bytes to decide yet
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
        close: (graceMs = 10_000) => closeAll(tcp, h1, sessions, sockets, graceMs),
      });
    });
  });
}

async function closeAll(
  tcp: net.Server,
  h1: http.Server,
  sessions: Set<http2.ServerHttp2Session>,
  sockets: Set<net.Socket>,
  graceMs: number,
): Promise<void> {
  const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
  h1.close(() => undefined); // stops its timers and closes idle keep-alive connections
  for (const session of sessions) session.close(); // GOAWAY: no new streams, open ones finish
  const timer = setTimeout(() => {
    for (const socket of sockets) socket.destroy();
  }, graceMs);
  const idle = setInterval(() => h1.closeIdleConnections(), 100);
  await closed;
  clearTimeout(timer);
  clearInterval(idle);
}
