import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import type { Logger } from 'pino';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';

/**
 * - `bundle` (default): one ANS-104 data item per record, many items in one bundle, the bundle
 *   posted as one layer-1 transaction.
 * - `l1`: one layer-1 transaction per record (a batch is one record).
 */
export type ArweaveMode = 'bundle' | 'l1';

export interface ArweaveAdapterOptions {
  /** The gateway's base URL, e.g. `https://arweave.net` or the devnet's `http://127.0.0.1:<port>`. */
  gatewayUrl: string;
  /** A label for proofs and logs, e.g. "mainnet" or "devnet". */
  network: string;
  /** The operator's wallet (an Arweave RSA-4096 JWK with its private members): signs and pays. */
  wallet: JWKInterface;
  mode?: ArweaveMode;
  /** Records per bundle, 500 by default; `l1` mode carries exactly one. */
  maxRecordsPerTransaction?: number;
  /** Confirmations after which a publication is confirmed, 18 by default. */
  confirmationDepth?: number;
  /** Per HTTP exchange with the gateway (each chunk of an upload is one), 30 s by default. */
  timeoutMs?: number;
  log: Logger;
}

export interface ResolvedOptions {
  gatewayUrl: string;
  network: string;
  wallet: JWKInterface;
  mode: ArweaveMode;
  maxRecordsPerTransaction: number;
  confirmationDepth: number;
  timeoutMs: number;
  log: Logger;
}

const MODES: readonly ArweaveMode[] = ['bundle', 'l1'];

export function resolveOptions(options: ArweaveAdapterOptions): ResolvedOptions {
  const mode = options.mode ?? 'bundle';
  if (!MODES.includes(mode)) throw new ArweaveAdapterError('options', `mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  if (typeof options.network !== 'string' || options.network.trim() === '') throw new ArweaveAdapterError('options', 'network must be a non-empty name, e.g. "mainnet"');
  const maxRecords = count('maxRecordsPerTransaction', options.maxRecordsPerTransaction ?? (mode === 'l1' ? 1 : 500));
  if (mode === 'l1' && maxRecords !== 1) {
    throw new ArweaveAdapterError('options', `l1 mode carries one record per transaction; maxRecordsPerTransaction must be 1, got ${maxRecords}`);
  }
  return {
    gatewayUrl: baseUrl(options.gatewayUrl),
    network: options.network,
    wallet: options.wallet,
    mode,
    maxRecordsPerTransaction: maxRecords,
    confirmationDepth: count('confirmationDepth', options.confirmationDepth ?? 18),
    timeoutMs: count('timeoutMs', options.timeoutMs ?? 30_000),
    log: options.log.child({ chain: 'arweave' }),
  };
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ArweaveAdapterError('options', `gatewayUrl must be an http(s) URL, got ${JSON.stringify(value)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ArweaveAdapterError('options', `gatewayUrl must be an http(s) URL, got ${JSON.stringify(value)}`);
  if (url.search !== '' || url.hash !== '') throw new ArweaveAdapterError('options', `gatewayUrl must not carry a query or fragment, got ${JSON.stringify(value)}`);
  return url.toString().replace(/\/+$/, '');
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new ArweaveAdapterError('options', `${name} must be a whole number ≥ 1, got ${String(value)}`);
  return value;
}
