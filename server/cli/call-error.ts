import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { isPublisherSdkError } from '../../sdk/index.ts';
import { CliError } from './cli-error.ts';
import { ExitCode } from './exit-codes.ts';
import { NodeUnreachableError } from './node-clients.ts';

/** What to do about the refusals a user can act on. */
const hints: Readonly<Record<string, string>> = {
  KEY_NOT_REGISTERED: 'an operator registers it first: publisher keys register --key <key.json> (or --public-key <key>)',
  KEY_REVOKED: 'the key was revoked for good: create a new one (publisher keygen) and have it registered',
  NONCE_REUSED: 'a different intent already used this nonce with this key: sign the record again (publisher sign) for a fresh nonce',
  STALE_INTENT: "the intent's timestamp is outside the node's time window: check this computer's clock, then sign again",
  UNKNOWN_TARGET: 'publish only to chains the node enables (publish without --to uses them all)',
  BAD_SIGNATURE: 'the intent was changed after signing, or signed with another key: sign it again',
  ADMIN_TOKEN_MISSING: 'pass --admin-token, set PUBLISHER_ADMIN_TOKEN, or run where the node keeps .data/admin-token',
  ADMIN_TOKEN_INVALID: "use the node's admin token (in the dev profile, npm start keeps it in .data/admin-token)",
  RATE_LIMITED: 'wait a little and try again',
  QUOTA_EXCEEDED: "the key's quota is used up for now: wait, or ask the operator to raise it",
};

/**
 * A failed call as a CliError: exit 3 when no node answered (network failure, or something that
 * is not a publisher node at that URL), else exit 1 with the node's reason first in the message.
 */
export function callError(error: unknown, what: string, nodeUrl: string): CliError {
  if (error instanceof CliError) return error;
  const unreachable = findCause(error, NodeUnreachableError);
  if (unreachable !== undefined) {
    return new CliError(ExitCode.unreachable, 'NODE_UNREACHABLE', `cannot reach the node at ${nodeUrl}: is it running? (npm start)`, {
      hint: `${unreachable.message}; another node: --node <url> or PUBLISHER_URL`,
      cause: error,
    });
  }
  const { reason, code, message } = describe(error);
  if (reason === code.toUpperCase() && (code === 'unavailable' || code === 'unimplemented')) {
    return new CliError(ExitCode.unreachable, 'NODE_UNREACHABLE', `no publisher node answers at ${nodeUrl} (${code}: ${message})`, {
      hint: 'check the URL (--node) and that the node is up',
      cause: error,
    });
  }
  const text = message.startsWith(reason) ? message : `${reason}: ${message}`;
  return new CliError(ExitCode.refused, reason, `${what}: ${text}`, { ...(hints[reason] === undefined ? {} : { hint: hints[reason] }), cause: error });
}

/** The node's reason from its ErrorDetail, else the status code's name, as the SDK reports it. */
function describe(error: unknown): { reason: string; code: string; message: string } {
  if (isPublisherSdkError(error)) return { reason: error.reason, code: error.code ?? '', message: error.message };
  const connectError = ConnectError.from(error);
  const code = (Code[connectError.code] ?? 'Unknown').replace(/[A-Z]/g, (letter, at: number) => (at === 0 ? '' : '_') + letter.toLowerCase());
  const reason = connectError.findDetails(ErrorDetailSchema)[0]?.reason || code.toUpperCase();
  return { reason, code, message: connectError.rawMessage };
}

function findCause<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) if (cause instanceof type) return cause;
  return undefined;
}
