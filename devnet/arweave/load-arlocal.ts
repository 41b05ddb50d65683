import type { Server, RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { ArweaveDevnetError } from './errors.ts';

/** arlocal's chain state as it serves it on `/info`. */
export interface ArlocalNetwork {
  height: number;
  blocks: number;
  current: string;
}

/** The console-like logger arlocal calls (its `utils/logging.ts`). */
export interface ArlocalLogging {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  show(type: string, ...args: unknown[]): void;
  logInFile(args: unknown[]): void;
}

/**
 * What the launcher uses of an arlocal 1.1.66 instance, private fields included: arlocal offers no
 * listen address, no logger and no stop that keeps a persisted chain, so we reach past its API.
 */
export interface ArlocalInstance {
  start(): Promise<void>;
  getNetwork(): ArlocalNetwork;
  app: { listen: (...args: unknown[]) => Server; callback(): RequestListener; context: { logging: ArlocalLogging } };
  log: ArlocalLogging;
  connection: { raw(sql: string, bindings?: readonly unknown[]): Promise<unknown>; destroy(): Promise<void> };
  /** Set by `start()`. */
  apollo?: { stop(): Promise<void> };
}

type ArlocalConstructor = new (port: number, showLogs: boolean, dbPath: string, persist: boolean, fails: number) => ArlocalInstance;

export interface LoadedArlocal {
  ArLocal: ArlocalConstructor;
  /** The package directory, ending with a path separator. */
  root: string;
}

const require = createRequire(import.meta.url);

/**
 * Loads arlocal (an optional dependency, so a production install never needs it) as a fresh copy
 * of its own modules. arlocal's route modules cache database handles in module variables keyed by
 * the database path; a second instance on the same path in one process would otherwise answer from
 * the first one's closed connection ("Unable to acquire a connection"). Its dependencies stay cached.
 */
export function loadArlocal(specifier = 'arlocal'): LoadedArlocal {
  let entry: string;
  try {
    entry = require.resolve(specifier);
  } catch (cause) {
    throw new ArweaveDevnetError(
      `arweave-devnet: the optional package ${specifier} is not installed, so no local Arweave gateway can be started. ` +
        'Install the optional dependencies (npm ci --include=optional), or configure a real Arweave gateway instead of the dev profile.',
      { cause },
    );
  }
  const own = dirname(entry) + sep;
  for (const key of Object.keys(require.cache)) if (key.startsWith(own)) delete require.cache[key];
  let loaded: { default?: unknown };
  try {
    loaded = require(entry) as { default?: unknown };
  } catch (cause) {
    throw new ArweaveDevnetError(`arweave-devnet: ${specifier} is installed but cannot be loaded; reinstall it (npm ci).`, { cause });
  }
  if (typeof loaded.default !== 'function') {
    throw new ArweaveDevnetError(`arweave-devnet: ${specifier} does not export the ArLocal class; install the pinned arlocal 1.1.66.`);
  }
  return { ArLocal: loaded.default as ArlocalConstructor, root: dirname(own) + sep };
}

/** Fails early, with the version to install, if a private field the launcher relies on is gone. */
export function checkInternals(instance: ArlocalInstance): void {
  const ok =
    typeof instance.app?.listen === 'function' &&
    typeof instance.app.callback === 'function' &&
    typeof instance.connection?.destroy === 'function' &&
    typeof instance.connection.raw === 'function' &&
    typeof instance.log?.logInFile === 'function';
  if (!ok) throw new ArweaveDevnetError('arweave-devnet: this arlocal is not the version the launcher was written for; install the pinned arlocal 1.1.66.');
}
