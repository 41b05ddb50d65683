import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Exchange {
  method: string;
  path: string;
  body: string;
}

/** An answer, or 'hang': keep the request open until the gateway closes (a timeout). */
export type Reply = { status: number; body?: string | Uint8Array } | 'hang';

export interface FakeGateway {
  url: string;
  /** Every request received, in order. */
  exchanges: Exchange[];
  /** Answers `method path` (an exact path or a pattern); the newest matching route wins. */
  route(method: string, path: string | RegExp, reply: Reply | ((exchange: Exchange) => Reply)): void;
  close(): Promise<void>;
}

/** A scripted gateway on 127.0.0.1, for the answers arlocal never gives. */
export async function startFakeGateway(): Promise<FakeGateway> {
  const routes: { method: string; path: string | RegExp; reply: Reply | ((exchange: Exchange) => Reply) }[] = [];
  const exchanges: Exchange[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const exchange = { method: request.method ?? '', path: request.url ?? '', body: Buffer.concat(chunks).toString() };
      exchanges.push(exchange);
      const route = routes.findLast((r) => r.method === exchange.method && (typeof r.path === 'string' ? r.path === exchange.path : r.path.test(exchange.path)));
      const reply = route === undefined ? { status: 404, body: 'Not Found' } : typeof route.reply === 'function' ? route.reply(exchange) : route.reply;
      if (reply === 'hang') return;
      response.writeHead(reply.status).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const gateway: FakeGateway = {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    route: (method, path, reply) => void routes.push({ method, path, reply }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  gateway.route('GET', '/tx_anchor', { status: 200, body: 'A'.repeat(64) });
  gateway.route('GET', /^\/price\/\d+$/, { status: 200, body: '1000' });
  gateway.route('GET', '/info', { status: 200, body: JSON.stringify({ network: 'fake', height: 100 }) });
  return gateway;
}
