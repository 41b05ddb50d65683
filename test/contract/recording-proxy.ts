import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { Exchange } from './http-contract.ts';

export interface RecordingProxy {
  url: string;
  /** Every exchange passed on, in the order the answers came back. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** An HTTP proxy on 127.0.0.1 in front of `target` that keeps each request and its answer, bytes as sent. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const { hostname, port } = new URL(target);
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const requestBody = Buffer.concat(parts);
      const upstream = request({ host: hostname, port: Number(port), path: req.url, method: req.method, headers: { ...req.headers, host: `${hostname}:${port}` } }, (answer) => {
        const answered: Buffer[] = [];
        answer.on('data', (part: Buffer) => answered.push(part));
        answer.on('end', () => {
          const responseBody = Buffer.concat(answered);
          exchanges.push({ method: req.method ?? '', path: req.url ?? '', requestHeaders: flat(req.headers), requestBody, status: answer.statusCode ?? 0, responseBody });
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(responseBody);
        });
      });
      upstream.on('error', (error) => res.writeHead(502).end(error.message));
      upstream.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}
