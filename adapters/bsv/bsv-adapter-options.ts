import type { Logger } from 'pino';
import type { ArcCallbackBook } from './arc-callback-book.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { feeRateFromSatPerKb, type FeeRate } from './fee-rate.ts';

export type BsvNetwork = 'mainnet' | 'testnet' | 'regtest';

export interface BsvAdapterOptions {
  network: BsvNetwork;
  /** ARC's base URL (`POST ${arcUrl}/v1/tx`); also asked for status, fee policy and health. */
  arcUrl: string;
  /** Sent as `Authorization: Bearer <key>` to ARC. */
  arcApiKey?: string;
  /** ARC's X-CallbackUrl / X-CallbackToken: ARC then pushes status changes there. */
  callbackUrl?: string;
  callbackToken?: string;
  /** What ARC's callbacks said (the plugin's callback route fills it): MINED ones stand in for ARC's status lookup. */
  callbackBook?: ArcCallbackBook;
  /**
   * WhatsOnChain's base URL including the network, e.g. `https://api.whatsonchain.com/v1/bsv/main`
   * (the devnet's `wocUrl`): chain tip, funding UTXOs, parent transactions, and broadcasts when
   * `broadcaster` is 'woc'.
   */
  wocUrl: string;
  /** Sent as `Authorization: <key>`, as WhatsOnChain expects it. */
  wocApiKey?: string;
  /** Who takes broadcasts: ARC (default, Extended Format) or WhatsOnChain (raw hex). */
  broadcaster?: 'arc' | 'woc';
  /**
   * The operator's funding key: a WIF of a compressed key (prefix 0x80 on mainnet, 0xef on testnet
   * and regtest) or 64 hex characters of the raw secret. The funding address derives from it.
   */
  fundingKey: string;
  /** Satoshis per 1000 bytes, 1 by default; ARC's policy fee is used instead when higher. */
  feeRateSatPerKb?: number;
  /** Read ARC's `GET /v1/policy` miningFee and pay it when it is higher (default true). */
  useArcPolicyFee?: boolean;
  /** Records per transaction, 1000 by default. */
  maxRecordsPerTransaction?: number;
  /** Confirmations after which a publication is confirmed, 1 by default. */
  confirmationDepth?: number;
  /** Per HTTP request to ARC or WhatsOnChain, 30 s by default. */
  timeoutMs?: number;
  log: Logger;
}

/** The options checked, with their defaults applied. */
export interface ResolvedOptions {
  network: BsvNetwork;
  arcUrl: string;
  arcApiKey: string | undefined;
  callbackUrl: string | undefined;
  callbackToken: string | undefined;
  wocUrl: string;
  wocApiKey: string | undefined;
  broadcaster: 'arc' | 'woc';
  feeRate: FeeRate;
  useArcPolicyFee: boolean;
  maxRecordsPerTransaction: number;
  confirmationDepth: number;
  timeoutMs: number;
  log: Logger;
}

const NETWORKS: readonly BsvNetwork[] = ['mainnet', 'testnet', 'regtest'];

export function resolveOptions(options: BsvAdapterOptions): ResolvedOptions {
  if (!NETWORKS.includes(options.network)) throw new BsvAdapterError(`network must be one of ${NETWORKS.join(', ')}, got ${JSON.stringify(options.network)}`);
  const broadcaster = options.broadcaster ?? 'arc';
  if (broadcaster !== 'arc' && broadcaster !== 'woc') throw new BsvAdapterError(`broadcaster must be "arc" or "woc", got ${JSON.stringify(broadcaster)}`);
  if (options.callbackToken !== undefined && options.callbackUrl === undefined) throw new BsvAdapterError('callbackToken needs a callbackUrl');
  return {
    network: options.network,
    arcUrl: baseUrl('arcUrl', options.arcUrl),
    arcApiKey: nonEmpty('arcApiKey', options.arcApiKey),
    callbackUrl: options.callbackUrl === undefined ? undefined : arcCallbackUrl(options.callbackUrl),
    callbackToken: nonEmpty('callbackToken', options.callbackToken),
    wocUrl: baseUrl('wocUrl', options.wocUrl),
    wocApiKey: nonEmpty('wocApiKey', options.wocApiKey),
    broadcaster,
    feeRate: feeRateFromSatPerKb(options.feeRateSatPerKb ?? 1),
    useArcPolicyFee: options.useArcPolicyFee ?? true,
    maxRecordsPerTransaction: count('maxRecordsPerTransaction', options.maxRecordsPerTransaction ?? 1000),
    confirmationDepth: count('confirmationDepth', options.confirmationDepth ?? 1),
    timeoutMs: count('timeoutMs', options.timeoutMs ?? 30_000),
    // The node's plugin context gives a logger bound to the chain already: bind it once.
    log: options.log.bindings()['chain'] === 'bsv' ? options.log : options.log.child({ chain: 'bsv' }),
  };
}

/**
 * ARC's handler takes a callback URL that Go's url.ParseRequestURI reads and that holds none of
 * its `rejectCallbackContaining` strings (default `http://localhost`, `https://localhost`): it
 * answers 400 to every broadcast that carries another. Checked here, so the node never starts with one.
 */
export const ARC_REJECTED_CALLBACK_SUBSTRINGS = ['http://localhost', 'https://localhost'];

export function arcCallbackUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `callbackUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `callbackUrl must be an http(s) URL, got ${JSON.stringify(value)}`;
  const rejected = ARC_REJECTED_CALLBACK_SUBSTRINGS.find((s) => value.includes(s));
  if (rejected !== undefined) return `ARC refuses callback URLs containing ${JSON.stringify(rejected)} (400 "callback URL not acceptable" to every broadcast), got ${JSON.stringify(value)}: give an address ARC can reach`;
  return undefined;
}

function arcCallbackUrl(value: string): string {
  const problem = arcCallbackUrlProblem(value);
  if (problem !== undefined) throw new BsvAdapterError(problem);
  return value;
}

/** A base URL that paths are appended to. */
function baseUrl(name: string, value: string): string {
  return httpUrl(name, value).replace(/\/+$/, '');
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new BsvAdapterError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BsvAdapterError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  return value;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === '') throw new BsvAdapterError(`${name} must not be empty; leave it out instead`);
  return value;
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new BsvAdapterError(`${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}
