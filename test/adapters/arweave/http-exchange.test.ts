import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayClient } from '../../../adapters/arweave/gateway-client.ts';
import { exchangeHttp } from '../../../adapters/arweave/http-exchange.ts';

// The gateway client's own HTTP (node:http, kept-alive connections) against a real server.
let server: http.Server;
let url: string;
const seen: { method: string; path: string; type: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', type: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/hang') return; // never answers
      if (req.url?.startsWith('/moved')) return res.writeHead(302, { location: req.url === '/moved-away' ? 'http://127.0.0.1:1/gone' : '/data' }).end();
      if (req.url === '/loop') return res.writeHead(301, { location: '/loop' }).end();
      if (req.url === '/data') return res.writeHead(200).end(Buffer.alloc(300_000, 7));
      res.writeHead(req.method === 'POST' ? 208 : 404).end('Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the gateway client over node:http', () => {
  it('answers with any status and the whole body; POST sends the JSON text as application/json', async () => {
    const client = gatewayClient(url, 5_000);
    expect(await client.get('/nothing')).toMatchObject({ kind: 'answer', status: 404, text: 'Not Found' });
    const data = await client.get('/data', { binary: true });
    expect(data.kind === 'answer' && data.text === '' && Buffer.from(data.bytes).equals(Buffer.alloc(300_000, 7))).toBe(true);
    expect(await client.post('/tx', '{"id":"ü"}')).toMatchObject({ kind: 'answer', status: 208 });
    expect(seen.at(-1)).toEqual({ method: 'POST', path: '/tx', type: 'application/json', body: '{"id":"ü"}' });
  });

  it('follows a GET redirect as fetch does, but answers a POST with the redirect itself', async () => {
    const client = gatewayClient(url, 5_000);
    const got = await client.get('/moved', { binary: true });
    expect(got.kind === 'answer' && got.status === 200 && got.bytes.length).toBe(300_000);
    expect(await client.post('/moved', '{}')).toMatchObject({ kind: 'answer', status: 302 });
    expect(await exchangeHttp(`${url}/loop`, { method: 'GET', timeoutMs: 5_000 })).toEqual({ kind: 'error', detail: `${url}/loop: more than 20 redirects` });
  });

  it('tells a timeout from a refused connection, a redirect to one included', async () => {
    const client = gatewayClient(url, 300);
    expect(await client.get('/hang')).toEqual({ kind: 'failure', failure: 'timeout', detail: `no answer from ${url}/hang within 300 ms` });
    expect(await client.get('/moved-away')).toMatchObject({ kind: 'failure', failure: 'network', detail: expect.stringMatching(/ECONNREFUSED/) });
    expect(await gatewayClient('http://127.0.0.1:1', 5_000).get('/info')).toMatchObject({ kind: 'failure', failure: 'network', detail: expect.stringMatching(/ECONNREFUSED/) });
  });
});
