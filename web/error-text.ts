import { isPublisherSdkError } from '../sdk/index.ts';

/** What a visitor can do about each refusal (reasons from api.md and the SDK's own). */
const HINTS: Readonly<Record<string, string>> = {
  KEY_NOT_REGISTERED: 'this node only accepts registered keys; ask the operator',
  KEY_REVOKED: 'this key was revoked on this node; create a new key and ask the operator to register it',
  BAD_SIGNATURE: 'the node could not verify the signature',
  STALE_INTENT: "this computer's clock is too far from the node's; check the date and time",
  NONCE_REUSED: 'this nonce was already used; publish again to sign with a fresh one',
  RATE_LIMITED: 'too many records in a short time; wait a moment and try again',
  QUOTA_EXCEEDED: "this key has used up its quota on this node; ask the operator",
  MALFORMED_INTENT: 'the node refused the signed record as malformed',
  INTENT_TOO_LARGE: 'the record is larger than this node accepts',
  UNKNOWN_TARGET: 'one of the chosen chains is not enabled on this node',
  INVALID_INPUT: 'the record or the chosen chains cannot be signed',
  UNAVAILABLE: 'the node cannot be reached or is not ready; try again shortly',
  STORE_UNAVAILABLE: 'the node has lost its database; try again shortly',
  NOT_FOUND: 'the node does not know this record',
};

export interface ErrorText {
  readonly reason: string;
  readonly hint: string;
  readonly detail: string;
}

/** An error as the page shows it: the stable reason code first, then what to do, then the details. */
export function errorText(error: unknown): ErrorText {
  if (isPublisherSdkError(error)) {
    return { reason: error.reason, hint: HINTS[error.reason] ?? 'the request was refused', detail: error.message };
  }
  if (error instanceof SyntaxError) {
    return { reason: 'INVALID_INPUT', hint: 'the record is not valid JSON', detail: error.message };
  }
  return { reason: 'UNEXPECTED', hint: 'something went wrong in the page', detail: error instanceof Error ? error.message : String(error) };
}
