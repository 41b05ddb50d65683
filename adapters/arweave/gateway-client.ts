import { exchangeHttp } from './http-exchange.ts';

/** What came back from one HTTP exchange: an answer of any status, or none at all. */
export type GatewayAnswer =
  | { kind: 'answer'; status: number; text: string; bytes: Uint8Array }
  | { kind: 'failure'; failure: 'timeout' | 'network'; detail: string };

export interface GatewayClient {
  readonly url: string;
  /** `binary`: keep the body as bytes only (`text` stays empty), for transaction data. */
  get(path: string, options?: { binary?: boolean }): Promise<GatewayAnswer>;
  /** POSTs a JSON text body. */
  post(path: string, json: string): Promise<GatewayAnswer>;
}

/**
 * HTTP to an Arweave gateway with our own deadline per exchange (arweave-js 1.15.7 takes a
 * `timeout` option but never applies it). Never throws, so every caller classifies every outcome,
 * a timeout apart from a refused connection (a timed-out post may still have gone through).
 * On node:http over kept-alive connections (http-exchange.ts) rather than fetch, which cost the
 * worker several times the CPU per exchange (bench/bottlenecks.md, session 9).
 */
export function gatewayClient(url: string, timeoutMs: number): GatewayClient {
  const exchange = async (path: string, init: { method: 'GET' | 'POST'; body?: string }, binary: boolean): Promise<GatewayAnswer> => {
    const result = await exchangeHttp(`${url}${path}`, { ...init, timeoutMs });
    if (result.kind === 'timeout') return { kind: 'failure', failure: 'timeout', detail: `no answer from ${url}${path} within ${timeoutMs} ms` };
    if (result.kind === 'error') return { kind: 'failure', failure: 'network', detail: result.detail };
    return { kind: 'answer', status: result.status, text: binary ? '' : result.body.toString('utf8'), bytes: result.body };
  };
  return {
    url,
    get: (path, options = {}) => exchange(path, { method: 'GET' }, options.binary ?? false),
    // A redirected POST would arrive as a GET: the redirect itself is the answer to classify.
    post: (path, json) => exchange(path, { method: 'POST', body: json }, false),
  };
}

/** A short description of an answer, for logs and reject details. */
export function describeAnswer(answer: GatewayAnswer): string {
  if (answer.kind === 'failure') return answer.detail;
  const text = answer.text.trim().slice(0, 200);
  return `HTTP ${answer.status}${text === '' ? '' : ` ${JSON.stringify(text)}`}`;
}
