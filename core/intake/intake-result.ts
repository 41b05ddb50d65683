import type { PublisherError } from '../errors/index.ts';
import type { PublicationView } from '../records/index.ts';

export interface AcceptedIntent {
  recordId: string;
  /** True when this exact envelope had been accepted before: nothing new was stored or charged. */
  duplicate: boolean;
  /** The c2sp.org/tlog-proof@v1 receipt (wire-format.md §2); a duplicate gets the one first given, byte for byte. */
  receipt: string;
  publications: PublicationView[];
}

/**
 * `unaudited`: a refusal the audit log would have recorded, left out because its key had spent
 * this minute's budget of audited refusals (`IntakeContext.auditedRefusalsPerMinute`).
 */
export type IntakeResult = { ok: true; value: AcceptedIntent } | { ok: false; error: PublisherError; unaudited?: true };
