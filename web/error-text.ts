import { isPublisherSdkError } from '../sdk/index.ts';

/** What happened and what a visitor can do about it, for each reason (api.md's and the SDK's own). */
const MESSAGES: Readonly<Record<string, string>> = {
  KEY_NOT_REGISTERED: 'This node publishes only for keys its operator has registered. Ask the operator to run the command shown under your key, then publish again.',
  KEY_REVOKED: 'This key was revoked on this node. Create a new key and ask the operator to register it.',
  BAD_SIGNATURE: 'The node could not verify the signature.',
  STALE_INTENT: "This computer's clock is too far from the node's. Check the date and time, then publish again.",
  NONCE_REUSED: 'This nonce was already used. Publish again to sign with a fresh one.',
  RATE_LIMITED: 'Too many records in a short time. Wait a moment and try again.',
  QUOTA_EXCEEDED: 'This key has used up its quota on this node. Ask the operator.',
  MALFORMED_INTENT: 'The node refused the signed record as malformed.',
  INTENT_TOO_LARGE: 'The record is larger than this node accepts.',
  UNKNOWN_TARGET: 'One of the chosen chains is not enabled on this node.',
  INVALID_INPUT: 'The record cannot be signed as it is.',
  INVALID_KEY: 'This file is not a key this page can use.',
  KEY_MISMATCH: 'This key file is damaged: its public key is not the one of its private key.',
  NO_TARGET: 'Choose at least one chain to publish to.',
  UNAVAILABLE: 'The node cannot be reached: it may have stopped, or this computer is offline. Try again once it is back.',
  NODE_BUSY: 'The node is busy. Try again in a moment.',
  PEER_RATE_LIMITED: 'Too many requests from this computer. Wait a moment and try again.',
  STORE_UNAVAILABLE: 'The node has lost its database. Try again shortly.',
  NOT_FOUND: 'The node does not know this record.',
};

/** A problem the page finds itself, before anything is sent. */
export class PageProblem extends Error {
  override readonly name = 'PageProblem' as const;
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ErrorText {
  /** A sentence for the visitor: what happened and what to do. */
  readonly message: string;
  /** The stable reason code, for the operator and for bug reports. */
  readonly reason: string;
  readonly detail: string;
}

/** An error as the page shows it: in words first, then the reason code and the details. */
export function errorText(error: unknown): ErrorText {
  if (isPublisherSdkError(error) || error instanceof PageProblem) {
    // A node's message starts with its reason; the page shows the reason once.
    const detail = error.message.startsWith(`${error.reason}: `) ? error.message.slice(error.reason.length + 2) : error.message;
    return { message: MESSAGES[error.reason] ?? 'The node refused the request.', reason: error.reason, detail };
  }
  if (error instanceof SyntaxError) {
    return { message: 'The record is not valid JSON.', reason: 'INVALID_INPUT', detail: error.message };
  }
  return { message: 'Something went wrong in the page.', reason: 'UNEXPECTED', detail: error instanceof Error ? error.message : String(error) };
}
