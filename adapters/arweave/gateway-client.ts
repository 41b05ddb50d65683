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
 */
export function gatewayClient(url: string, timeoutMs: number): GatewayClient {
  const exchange = async (path: string, init: RequestInit, binary: boolean): Promise<GatewayAnswer> => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(`${url}${path}`, { ...init, signal });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { kind: 'answer', status: response.status, text: binary ? '' : Buffer.from(bytes).toString('utf8'), bytes };
    } catch (error) {
      if (signal.aborted) return { kind: 'failure', failure: 'timeout', detail: `no answer from ${url}${path} within ${timeoutMs} ms` };
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { kind: 'failure', failure: 'network', detail: `${error instanceof Error ? error.message : String(error)}${cause}` };
    }
  };
  return {
    url,
    get: (path, options = {}) => exchange(path, { method: 'GET' }, options.binary ?? false),
    // A redirected POST would arrive as a GET: the redirect itself is the answer to classify.
    post: (path, json) => exchange(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json, redirect: 'manual' }, false),
  };
}

/** A short description of an answer, for logs and reject details. */
export function describeAnswer(answer: GatewayAnswer): string {
  if (answer.kind === 'failure') return answer.detail;
  const text = answer.text.trim().slice(0, 200);
  return `HTTP ${answer.status}${text === '' ? '' : ` ${JSON.stringify(text)}`}`;
}
