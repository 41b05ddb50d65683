export interface IntentLimits {
  /** Largest accepted envelope, in bytes of UTF-8, checked before anything else. */
  readonly maxEnvelopeBytes: number;
  /** Deepest nesting of objects and arrays; the envelope object itself is depth 1. */
  readonly maxDepth: number;
}

/** wire-format.md §1: 64 KiB, nesting 32. */
export const defaultIntentLimits: IntentLimits = { maxEnvelopeBytes: 65_536, maxDepth: 32 };
