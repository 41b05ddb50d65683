import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { captureArlocalConsole } from './arlocal-console.ts';
import { restoreTip } from './arlocal-db.ts';
import { arlocalLogging } from './arlocal-logging.ts';
import { ArweaveDevnetError } from './errors.ts';
import { gatewayFront, type GatewayFront } from './gateway-front.ts';
import { checkInternals, loadArlocal, type ArlocalInstance, type LoadedArlocal } from './load-arlocal.ts';

export const HOST = '127.0.0.1';

export interface BootedArlocal {
  arlocal: ArlocalInstance;
  port: number;
  /** What stands in front of arlocal: chunked uploads done right, and the fault switches. */
  front: GatewayFront;
  /** Closes the HTTP server, GraphQL and the sqlite handles, leaving the chain on disk. */
  close(): Promise<void>;
}

/** Starts arlocal in this process on 127.0.0.1, persisting its chain in `dbPath`, logging to `log`. */
export async function bootArlocal(dbPath: string, port: number, log: Logger): Promise<BootedArlocal> {
  const { ArLocal, root } = loadArlocal();
  await mkdir(dbPath, { recursive: true });
  const releaseConsole = captureArlocalConsole(root, log);
  let arlocal: ArlocalInstance | undefined;
  let server: Server | undefined;
  const close = async (): Promise<void> => {
    if (arlocal) await shutdown(arlocal, server);
    releaseConsole();
  };
  try {
    arlocal = construct(ArLocal, port, dbPath);
    checkInternals(arlocal);
    arlocal.log = arlocal.app.context.logging = arlocalLogging(log);
    const app = arlocal.app;
    const front = gatewayFront(arlocal.connection, log);
    // arlocal's start() ends with app.listen(port), which binds every interface.
    app.listen = () => {
      // keepAliveTimeout 0: only clients close idle connections, so a client never sends a request
      // on a socket the server is closing that instant (ECONNRESET after a quiet spell). stop()
      // closes whatever is left.
      server = createServer({ keepAliveTimeout: 0 }, front.listener(app.callback()));
      server.listen({ port, host: HOST });
      return server;
    };
    const started = arlocal;
    await withoutNewSignalHandlers(() => started.start());
    if (!server) throw new ArweaveDevnetError('arweave-devnet: arlocal started without listening; install the pinned arlocal 1.1.66.');
    await listening(server, port);
    await relaxSync(arlocal);
    await restoreTip(arlocal);
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    front.setSelf(bound);
    return { arlocal, port: bound, front, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function construct(ArLocal: LoadedArlocal['ArLocal'], port: number, dbPath: string): ArlocalInstance {
  try {
    // persist = true: arlocal then neither empties the folder at start nor unlinks ./logs.
    return new ArLocal(port, false, dbPath, true, 0);
  } catch (cause) {
    throw new ArweaveDevnetError(
      String(cause).includes('sqlite3')
        ? 'arweave-devnet: arlocal cannot open its database because the sqlite3 native module is missing or not built; run `npm rebuild sqlite3`.'
        : `arweave-devnet: arlocal could not be created: ${String(cause)}`,
      { cause },
    );
  }
}

/**
 * Apollo Server, started inside arlocal, installs SIGINT/SIGTERM handlers (unless NODE_ENV=test)
 * that stop GraphQL and re-raise the signal, cutting the node's own graceful shutdown short.
 */
async function withoutNewSignalHandlers(fn: () => Promise<void>): Promise<void> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    await fn();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
}

function listening(server: Server, port: number): Promise<void> {
  if (server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (cause: NodeJS.ErrnoException) =>
      reject(
        new ArweaveDevnetError(
          cause.code === 'EADDRINUSE'
            ? `arweave-devnet: port ${port} on ${HOST} is in use; choose another port, or 0 for a free one.`
            : `arweave-devnet: cannot listen on ${HOST}:${port}: ${cause.message}`,
          { cause },
        ),
      ),
    );
  });
}

/**
 * arlocal writes every item and every tag of a bundle as its own autocommitted statement; with
 * sqlite's defaults (rollback journal, synchronous FULL) each one waits for its own fsync, so a
 * 500-item bundle took ~15 s to take in. In WAL mode with synchronous NORMAL a commit survives the
 * process being killed (only the operating system crashing can lose the last ones), which is the
 * durability the devnet promises, and fsyncs happen at checkpoints only. journal_mode is stored in
 * the file; synchronous belongs to the connection (knex keeps sqlite's single connection open).
 */
async function relaxSync(arlocal: ArlocalInstance): Promise<void> {
  await arlocal.connection.raw('PRAGMA journal_mode = WAL');
  await arlocal.connection.raw('PRAGMA synchronous = NORMAL');
}

/** Not arlocal's stop(): with persistence on, it drops every table (and resolves before closing anything). */
async function shutdown(arlocal: ArlocalInstance, server: Server | undefined): Promise<void> {
  if (server?.listening) {
    const listening = server;
    await new Promise<void>((resolve) => {
      listening.close(() => resolve());
      listening.closeAllConnections();
    });
  }
  await arlocal.apollo?.stop();
  await arlocal.connection.destroy();
}
