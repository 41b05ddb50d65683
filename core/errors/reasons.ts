/**
 * The closed set of refusal reasons (api.md, "Errors") and the status each maps to.
 * Statuses use the canonical gRPC names in snake case, which are also Connect's code names;
 * the server turns them into Connect codes in one place.
 */
export const reasonStatus = {
  MALFORMED_INTENT: 'invalid_argument',
  INTENT_TOO_LARGE: 'invalid_argument',
  UNKNOWN_TARGET: 'invalid_argument',
  INVALID_REQUEST: 'invalid_argument',
  BAD_SIGNATURE: 'unauthenticated',
  ADMIN_TOKEN_MISSING: 'unauthenticated',
  ADMIN_TOKEN_INVALID: 'permission_denied',
  KEY_NOT_REGISTERED: 'permission_denied',
  KEY_REVOKED: 'permission_denied',
  NONCE_REUSED: 'already_exists',
  KEY_EXISTS: 'already_exists',
  NOT_FOUND: 'not_found',
  STALE_INTENT: 'failed_precondition',
  RATE_LIMITED: 'resource_exhausted',
  QUOTA_EXCEEDED: 'resource_exhausted',
  REQUEST_TOO_LARGE: 'resource_exhausted',
  PEER_RATE_LIMITED: 'resource_exhausted',
  NODE_BUSY: 'resource_exhausted',
  REQUEST_TIMEOUT: 'deadline_exceeded',
  UNSUPPORTED_REQUEST: 'unimplemented',
  STORE_UNAVAILABLE: 'unavailable',
  NODE_SHUTTING_DOWN: 'unavailable',
} as const;

export type Reason = keyof typeof reasonStatus;
export type Status = (typeof reasonStatus)[Reason];
