/** One comparison of a proof anchor with what a chain API says. */
export interface OnlineCheck {
  readonly name: 'bsv.block-header' | 'arweave.block';
  readonly anchor: number;
  /** `unchecked`: the API could not be asked or gave no usable answer, so nothing was decided. */
  readonly outcome: 'ok' | 'failed' | 'unchecked';
  readonly detail: string;
}

export type Answer = { readonly status: number; readonly text: string } | { readonly error: string };

const TIMEOUT_MS = 15_000;

/** A GET whose network failure is an answer too, so a check can say it was left undone. */
export async function httpGet(url: string): Promise<Answer> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
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
    return asObject(JSON.parse(answer.text));
  } catch {
    return undefined;
  }
}

export function describeAnswer(answer: Answer): string {
  return 'error' in answer ? answer.error : `HTTP ${answer.status} ${answer.text.trim().slice(0, 120)}`;
}

/** The anchors of a proof's text, as loosely as verifyProof reads them; none if it does not parse. */
export function anchorsOf(proofText: string): readonly Record<string, unknown>[] {
  try {
    const anchors = asObject(JSON.parse(proofText))?.['anchors'];
    return Array.isArray(anchors) ? anchors.map((anchor: unknown) => asObject(anchor) ?? {}) : [];
  } catch {
    return [];
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
