import { createClient, type Client, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-web';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { createPublisherClient, type PublisherClient } from '../../sdk/index.ts';
import type { CliContext } from './cli-context.ts';

/**
 * A network failure on the way to the node (refused connection, unknown host, TLS), as opposed to
 * an answer from it. Transports wrap it; call-error.ts finds it in the cause chain.
 */
export class NodeUnreachableError extends Error {
  override readonly name = 'NodeUnreachableError' as const;
}

const markedFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw new NodeUnreachableError(innermostMessage(error), { cause: error });
  }
};

/** The SDK's client: what creators call (publish, records, proofs, node info). */
export function publisherClient(cli: CliContext): PublisherClient {
  cli.debug(`node ${cli.nodeUrl} (from ${cli.nodeSource})`);
  return createPublisherClient({ baseUrl: cli.nodeUrl, fetch: markedFetch });
}

export interface AdminClients {
  readonly keys: Client<typeof KeyService>;
  readonly funding: Client<typeof FundingService>;
  readonly audit: Client<typeof AuditService>;
}

/**
 * A LogService client (public: no token), and one sending the admin token, for a node whose log is
 * not public (it answers UNAUTHENTICATED): the log commands hand the token only to a node that asks.
 */
export async function logClients(cli: CliContext): Promise<{ open: Client<typeof LogService>; withToken(): Promise<Client<typeof LogService>> }> {
  cli.debug(`node ${cli.nodeUrl} (from ${cli.nodeSource})`);
  return {
    open: createClient(LogService, nodeTransport(cli, undefined)),
    async withToken() {
      return createClient(LogService, nodeTransport(cli, (await cli.adminToken())?.value));
    },
  };
}

/** Clients of the admin services, sending the admin token when there is one (api.md). */
export async function adminClients(cli: CliContext): Promise<AdminClients> {
  cli.debug(`node ${cli.nodeUrl} (from ${cli.nodeSource})`);
  const transport = nodeTransport(cli, (await cli.adminToken())?.value);
  return { keys: createClient(KeyService, transport), funding: createClient(FundingService, transport), audit: createClient(AuditService, transport) };
}

/** The same transport as the SDK's (Connect, binary), so both fail the same way; with `Bearer <token>` when there is one. */
function nodeTransport(cli: CliContext, token: string | undefined) {
  const bearer: Interceptor = (next) => (request) => {
    request.header.set('authorization', `Bearer ${token}`);
    return next(request);
  };
  return createConnectTransport({ baseUrl: cli.nodeUrl, fetch: markedFetch, useBinaryFormat: true, interceptors: token === undefined ? [] : [bearer] });
}

/** "connect ECONNREFUSED 127.0.0.1:8080" rather than undici's bare "fetch failed". */
function innermostMessage(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? inner.message : String(inner);
}
