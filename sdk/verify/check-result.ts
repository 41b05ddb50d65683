/** The outcome of one check before it is named and placed in a report. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

export const pass = (detail: string): CheckResult => ({ ok: true, detail });
export const failure = (detail: string): CheckResult => ({ ok: false, detail });

/** Runs a check whose parsing may throw; a throw becomes a failure with the error's message. */
export function guarded(run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (error) {
    return failure(messageOf(error));
  }
}

/** guarded, for checks that await WebCrypto. */
export async function guardedAsync(run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (error) {
    return failure(messageOf(error));
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
