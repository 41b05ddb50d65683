import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import type { Logger } from 'pino';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import type { Ed25519ItemKey } from './sign-data-item.ts';

/**
 * - `bundle` (default): one ANS-104 data item per record, many items in one bundle, the bundle
 *   posted as one layer-1 transaction.
 * - `l1`: one layer-1 transaction per record (a batch is one record).
 */
export type ArweaveMode = 'bundle' | 'l1';

/**
 * Who signs a bundle's items (wire-format.md §4): `ed25519` (default), the operator's Ed25519 log
 * key, ANS-104 signature type 2; `wallet`, the RSA-4096 wallet, type 1. The wallet signs and pays
 * for the bundle's layer-1 transaction either way; `l1` mode has no items.
 */
export type ItemSigner = 'ed25519' | 'wallet';

export interface ArweaveAdapterOptions {
  /** The gateway's base URL, e.g. `https://arweave.net` or the devnet's `http://127.0.0.1:<port>`. */
  gatewayUrl: string;
  /** A label for proofs and logs, e.g. "mainnet" or "devnet". */
  network: string;
  /** The operator's wallet (an Arweave RSA-4096 JWK with its private members): signs and pays. */
  wallet: JWKInterface;
  mode?: ArweaveMode;
  /** Bundle mode only: `ed25519` by default when `itemKey` is given (the node always gives it), else `wallet`. */
  itemSigner?: ItemSigner;
  /** The operator's Ed25519 key: required when items are signed with it. */
  itemKey?: Ed25519ItemKey;
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
  /** Bundle mode: who signs the items, with the key when it is the Ed25519 one. */
  items: { signer: 'wallet' } | { signer: 'ed25519'; key: Ed25519ItemKey };
  maxRecordsPerTransaction: number;
  confirmationDepth: number;
  timeoutMs: number;
  log: Logger;
}

const MODES: readonly ArweaveMode[] = ['bundle', 'l1'];
const ITEM_SIGNERS: readonly ItemSigner[] = ['ed25519', 'wallet'];

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
    items: itemSigning(options),
    maxRecordsPerTransaction: maxRecords,
    confirmationDepth: count('confirmationDepth', options.confirmationDepth ?? 18),
    timeoutMs: count('timeoutMs', options.timeoutMs ?? 30_000),
    // The node's plugin context gives a logger bound to the chain already: bind it once.
    log: options.log.bindings()['chain'] === 'arweave' ? options.log : options.log.child({ chain: 'arweave' }),
  };
}

function itemSigning(options: ArweaveAdapterOptions): ResolvedOptions['items'] {
  const signer = options.itemSigner ?? (options.itemKey === undefined ? 'wallet' : 'ed25519');
  if (!ITEM_SIGNERS.includes(signer)) throw new ArweaveAdapterError('options', `itemSigner must be one of ${ITEM_SIGNERS.join(', ')}, got ${JSON.stringify(signer)}`);
  if (signer === 'wallet') return { signer };
  const key = options.itemKey;
  if (key === undefined) throw new ArweaveAdapterError('options', 'itemSigner ed25519 needs the operator\'s Ed25519 key (itemKey): the node gives its log key; or choose itemSigner wallet');
  if (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== 32) throw new ArweaveAdapterError('options', 'itemKey.publicKey must be the raw 32-byte Ed25519 public key');
  return { signer, key };
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
