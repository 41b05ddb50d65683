import { isObject } from '../json/is-object.ts';

export type Answer = { readonly status: number; readonly text: string } | { readonly error: string };

const TIMEOUT_MS = 15_000;

/** A GET whose network failure is an answer too, so a check can say it was left undone. */
export function httpGet(url: string): Promise<Answer> {
  return httpCall(url, {});
}

/** A request (GET by default; JSON accepted) whose network failure is an answer too. */
export async function httpCall(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json', ...init.headers } });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    let inner = error;
    while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
    return { error: `cannot reach ${url}: ${inner instanceof Error ? inner.message : String(inner)}` };
  }
}

/** The JSON object of a 200 answer, or undefined. */
export function jsonBody(answer: Answer): Record<string, unknown> | undefined {
  if ('error' in answer || answer.status !== 200) return undefined;
  try {
    const value: unknown = JSON.parse(answer.text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function describeAnswer(answer: Answer): string {
  return 'error' in answer ? answer.error : `HTTP ${answer.status} ${answer.text.trim().slice(0, 120)}`;
}
