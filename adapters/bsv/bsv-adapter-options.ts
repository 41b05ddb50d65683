import type { Logger } from 'pino';
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
    callbackUrl: options.callbackUrl === undefined ? undefined : httpUrl('callbackUrl', options.callbackUrl),
    callbackToken: nonEmpty('callbackToken', options.callbackToken),
    wocUrl: baseUrl('wocUrl', options.wocUrl),
    wocApiKey: nonEmpty('wocApiKey', options.wocApiKey),
    broadcaster,
    feeRate: feeRateFromSatPerKb(options.feeRateSatPerKb ?? 1),
    useArcPolicyFee: options.useArcPolicyFee ?? true,
    maxRecordsPerTransaction: count('maxRecordsPerTransaction', options.maxRecordsPerTransaction ?? 1000),
    confirmationDepth: count('confirmationDepth', options.confirmationDepth ?? 1),
    timeoutMs: count('timeoutMs', options.timeoutMs ?? 30_000),
    log: options.log.child({ chain: 'bsv' }),
  };
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
