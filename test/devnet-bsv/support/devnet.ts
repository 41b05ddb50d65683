import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transaction } from '@bsv/sdk';
import pino from 'pino';
import { startBsvDevnet, type BsvDevnet, type BsvDevnetOptions } from '../../../devnet/bsv/index.ts';
import { legacyScriptErrors } from './legacy-verify.ts';
import { fundingAddress, type Utxo } from './wallet.ts';

export const testLog = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'warn' });

/** ARC's JSON, success and error alike (fields absent where ARC leaves them out). */
export interface ArcJson {
  txid?: string | null;
  txStatus?: string;
  status?: number;
  title?: string;
  detail?: string;
  type?: string;
  instance?: null;
  extraInfo?: string;
  competingTxs?: string[] | null;
  blockHash?: string;
  blockHeight?: number;
  merklePath?: string;
  timestamp?: string;
}

export interface TestDevnet {
  devnet: BsvDevnet;
  dir: string;
  /** Stops the devnet and deletes its directory. */
  close(): Promise<void>;
}

/** A devnet in a fresh temp dir on a free port, funding `fundingAddress` with `outputs` × 1,000,000 sat. */
export async function startTestDevnet(options: Partial<BsvDevnetOptions> & { outputs?: number } = {}): Promise<TestDevnet> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'bsv-devnet-test-')));
  const { outputs = 10, ...rest } = options;
  const devnet = await startBsvDevnet({ log: testLog, fund: [{ address: fundingAddress, satoshis: 1_000_000, outputs }], ...rest, dir });
  return {
    devnet,
    dir,
    async close() {
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function broadcast(
  devnet: BsvDevnet,
  body: string | Buffer,
  { path = '/v1/tx', contentType = 'text/plain', headers = {} }: { path?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: ArcJson }> {
  const response = await fetch(`${devnet.arcUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...auth(devnet), ...headers }, body });
  return { status: response.status, body: (await response.json()) as ArcJson };
}

export async function broadcastMany(devnet: BsvDevnet, hexes: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: ArcJson[] }> {
  const response = await fetch(`${devnet.arcUrl}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(devnet), ...headers },
    body: JSON.stringify(hexes.map((rawTx) => ({ rawTx }))),
  });
  return { status: response.status, body: (await response.json()) as ArcJson[] };
}

export async function arcStatus(devnet: BsvDevnet, txid: string): Promise<{ status: number; body: ArcJson }> {
  const response = await fetch(`${devnet.arcUrl}/v1/tx/${txid}`, { headers: auth(devnet) });
  return { status: response.status, body: (await response.json()) as ArcJson };
}

export async function woc<T>(devnet: BsvDevnet, path: string): Promise<T> {
  const response = await fetch(`${devnet.wocUrl}${path}`, { headers: auth(devnet) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
}

export async function fundingUtxos(devnet: BsvDevnet): Promise<Utxo[]> {
  const { result: list } = await woc<{ result: Array<{ tx_pos: number; tx_hash: string; value: number }> }>(devnet, `/address/${fundingAddress}/unspent/all`);
  return list.map((u) => ({ txid: u.tx_hash, vout: u.tx_pos, satoshis: u.value }));
}

/** bsv@1.5.6's verdict on every input, with the parents read back from the devnet's WhatsOnChain API. */
export async function legacyVerdict(devnet: BsvDevnet, rawHex: string, flags?: number): Promise<string[]> {
  const parents = new Map<string, string>();
  for (const input of Transaction.fromHex(rawHex).inputs) parents.set(input.sourceTXID!, await woc<string>(devnet, `/tx/${input.sourceTXID}/hex`));
  return legacyScriptErrors(rawHex, (txid) => parents.get(txid)!, flags);
}

function auth(devnet: BsvDevnet): Record<string, string> {
  return devnet.apiKey ? { authorization: `Bearer ${devnet.apiKey}` } : {};
}
