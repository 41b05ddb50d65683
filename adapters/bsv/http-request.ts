/** What came back from an HTTP call: an answer of any status, or no answer at all. */
export type HttpResult =
  | { kind: 'answer'; status: number; text: string; json: unknown }
  | { kind: 'failure'; failure: 'timeout' | 'network'; detail: string };

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Covers the whole exchange, body included; then the call counts as timed out. */
  timeoutMs: number;
}

/**
 * One HTTP exchange with our own deadline (AbortSignal): never throws, so callers classify every
 * outcome, a timeout apart from a refused connection (a timed-out broadcast may have gone through).
 */
export async function httpRequest(url: string, request: HttpRequest): Promise<HttpResult> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') ? parseJson(text) : undefined;
    return { kind: 'answer', status: response.status, text, json };
  } catch (error) {
    const detail = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
    return signal.aborted ? { kind: 'failure', failure: 'timeout', detail: `no answer within ${request.timeoutMs} ms` } : { kind: 'failure', failure: 'network', detail };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
