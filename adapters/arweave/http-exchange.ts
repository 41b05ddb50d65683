import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

export type HttpResult = { kind: 'answer'; status: number; body: Buffer } | { kind: 'timeout' } | { kind: 'error'; detail: string };

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** A JSON text (POST). */
  body?: string;
  /** The deadline of the whole exchange, redirects included. */
  timeoutMs: number;
}

// Connections are kept alive between exchanges (a worker talks to one gateway all the time);
// node:http closes an idle one before the server's Keep-Alive hint runs out.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
/** As fetch does it: a GET follows up to 20 redirects; a POST's redirect is its answer. */
const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One exchange over node:http(s): the status and the whole body, or why there is none. Never
 * throws. A request that fails on a kept-alive connection the server had just closed, before any
 * answer, is sent once more on a fresh one (posting a signed transaction again is harmless).
 */
export async function exchangeHttp(url: string, request: HttpRequest): Promise<HttpResult> {
  const deadline = Date.now() + request.timeoutMs;
  let target = new URL(url);
  for (let redirects = 0; ; redirects++) {
    let result = await once(target, request, deadline);
    if (result.kind === 'stale') result = await once(target, request, deadline);
    if (result.kind === 'stale') return { kind: 'error', detail: result.detail };
    if (result.kind !== 'answer' || request.method !== 'GET' || !REDIRECTS.has(result.status) || result.location === undefined) return strip(result);
    if (redirects === MAX_REDIRECTS) return { kind: 'error', detail: `${url}: more than ${MAX_REDIRECTS} redirects` };
    try {
      target = new URL(result.location, target);
    } catch {
      return { kind: 'error', detail: `${target.href}: a redirect to ${JSON.stringify(result.location)}, not a URL` };
    }
  }
}

type Attempt = { kind: 'answer'; status: number; body: Buffer; location: string | undefined } | { kind: 'timeout' } | { kind: 'error'; detail: string } | { kind: 'stale'; detail: string };

function strip(result: Exclude<Attempt, { kind: 'stale' }>): HttpResult {
  return result.kind === 'answer' ? { kind: 'answer', status: result.status, body: result.body } : result;
}

function once(target: URL, request: HttpRequest, deadline: number): Promise<Attempt> {
  const protocol = target.protocol as keyof typeof agents;
  if (!(protocol in agents)) return Promise.resolve({ kind: 'error', detail: `${target.href}: not an http or https URL` });
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve({ kind: 'timeout' });
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(body.length) };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    const req = (protocol === 'https:' ? https : http).request(target, { method: request.method, headers, agent: agents[protocol] }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ kind: 'answer', status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), location: res.headers.location }));
      res.on('error', (error) => settle({ kind: 'error', detail: `${target.href}: ${error.message}` }));
    });
    const timer = setTimeout(() => {
      settle({ kind: 'timeout' });
      req.destroy();
    }, remaining);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const detail = `${target.href}: ${error.message}`;
      settle(req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') ? { kind: 'stale', detail } : { kind: 'error', detail });
    });
    req.end(body);
  });
}
