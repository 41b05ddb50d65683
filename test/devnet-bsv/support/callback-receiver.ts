import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A local HTTP endpoint recording what ARC-style callbacks it gets; `answer` picks each reply's status. */
export async function startCallbackReceiver(answer: (path: string, count: number) => number = () => 200) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      const status = answer(path, received.filter((r) => r.path === path).length);
      res.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Resolves once `predicate` holds for what was received, or fails after `ms`. */
    async until(predicate: (all: ReceivedCallback[]) => boolean, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`callbacks not as expected after ${ms} ms: ${JSON.stringify(received.map((r) => [r.path, r.body['txStatus']]))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
