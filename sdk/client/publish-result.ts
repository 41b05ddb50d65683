import type { Publication } from '../../proto/gen/publisher/v1/publish_pb.ts';
import type { PublisherSdkError } from '../errors/sdk-error.ts';

/** An accepted intent: its record id, the operator's receipt and one publication per target. */
export interface PublishResult {
  readonly recordId: string;
  /** True when this exact envelope had been accepted before (nothing was charged again). */
  readonly duplicate: boolean;
  /**
   * The receipt exactly as the node sent it: the c2sp.org/tlog-proof@v1 text of the intent's entry
   * in the operator's log (wire-format.md §2), to keep and to check with `verifyReceipt`.
   */
  readonly receipt: string;
  readonly publications: readonly Publication[];
}

/** One item of publishBatch: accepted, or refused with the error a single publish would throw. */
export type PublishBatchItem = { readonly ok: true; readonly value: PublishResult } | { readonly ok: false; readonly error: PublisherSdkError };
