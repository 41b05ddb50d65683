import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFundingKey } from '../../adapters/bsv/funding-key.ts';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { startChains, stopChains } from '../../server/chains/registry.ts';
import { loadConfig } from '../../server/config/index.ts';
import { testLog } from '../devnet-bsv/support/devnet.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/**
 * The node with ARC callbacks on: the devnet (started here, as a real ARC would be elsewhere)
 * calls back to the node's /chains/bsv/arc-callback. ARC's status lookups go through a gate that
 * can refuse them with 503 (ARC's lookups failing, a fault the devnet has no switch for), so a
 * publication confirmed while it is shut was confirmed by a callback alone.
 */
const TOKEN = 'arc-callback-token-0123456789';
let devnet: BsvDevnet;
let devnetDir: string;
let gate: { url: string; shut: boolean; refused: string[]; passed: string[]; close(): Promise<void> };
let node: TestNode;
let callbackUrl: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function startGate(target: string): Promise<typeof gate> {
  const { hostname, port } = new URL(target);
  const state = { shut: false, refused: [] as string[], passed: [] as string[] };
  const server: Server = createServer((req, res) => {
    if (state.shut && req.method === 'GET' && /^\/v1\/tx\/[0-9a-f]{64}$/.test(req.url ?? '')) {
      state.refused.push(req.url!);
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Service Unavailable' }));
      return;
    }
    if (req.method === 'GET') state.passed.push(req.url ?? '');
    const upstream = request({ host: hostname, port: Number(port), path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => res.writeHead(502).end(error.message));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

beforeAll(async () => {
  const fundingKey = randomBytes(32).toString('hex');
  devnetDir = await mkdtemp(join(tmpdir(), 'bsv-callbacks-'));
  devnet = await startBsvDevnet({ dir: devnetDir, log: testLog, fund: [{ address: readFundingKey(fundingKey, 'regtest').address, satoshis: 10_000_000, outputs: 10 }], callbackBatchIntervalMs: 50 });
  gate = await startGate(devnet.arcUrl);
  const port = await freePort();
  callbackUrl = `http://127.0.0.1:${port}/chains/bsv/arc-callback`;
  node = await startTestNode({
    PUBLISHER_PORT: String(port),
    PUBLISHER_CHAINS: 'bsv',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_ARC_URL: gate.url,
    PUBLISHER_BSV_WOC_URL: devnet.wocUrl,
    PUBLISHER_BSV_NETWORK: 'regtest',
    PUBLISHER_BSV_FUNDING_KEY: fundingKey,
    PUBLISHER_BSV_CALLBACK_URL: callbackUrl,
    PUBLISHER_BSV_CALLBACK_TOKEN: TOKEN,
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
    PUBLISHER_BSV_POOL_MIN_UTXOS: '0',
  });
}, 120_000);
afterAll(async () => {
  await node?.stop();
  await gate?.close();
  await devnet?.stop();
  if (devnetDir) await rm(devnetDir, { recursive: true, force: true });
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000; // a hang guard only
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const creator = newCreator();
async function publishOne(): Promise<{ recordId: string; txid: string }> {
  const res = await createClient(PublishService, createGrpcTransport({ baseUrl: node.url })).publish({ intentJson: creator.intent({ targets: ['bsv'], record: { n: Math.random() } }) });
  const recordId = res.recordId;
  let txid = '';
  await until(async () => {
    const { rows } = await node.store.pool.query<{ txid: string }>(
      `SELECT t.txid FROM publications p JOIN chain_txs t ON t.id = p.chain_tx_id WHERE p.record_id = $1 AND t.status = 'broadcast'`,
      [recordId],
    );
    txid = rows[0]?.txid ?? '';
    return txid !== '';
  }, 'broadcast');
  return { recordId, txid };
}

const publicationStatus = async (recordId: string) =>
  (await node.store.pool.query<{ status: string }>(`SELECT status FROM publications WHERE record_id = $1`, [recordId])).rows[0]?.status;
const txRow = async (txid: string) =>
  (await node.store.pool.query(`SELECT status, block_hash, block_height, confirmations, proof, mined_at, next_attempt_at, updated_at FROM chain_txs WHERE txid = $1`, [txid])).rows[0];
const logSize = async () => (await node.store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM log_entries`)).rows[0]!.n;
const post = (body: unknown, authorization?: string) =>
  fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });

describe('the node with ARC callbacks', () => {
  it('refuses, as its chain starts, a callbackUrl ARC would refuse, or one without a token, with a configuration error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bsv-callbacks-config-'));
    try {
      const env = { PUBLISHER_DATA_DIR: dir, PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_ARC_URL: gate.url, PUBLISHER_BSV_WOC_URL: devnet.wocUrl, PUBLISHER_BSV_NETWORK: 'regtest', PUBLISHER_BSV_FUNDING_KEY: '22'.repeat(32) };
      const start = (extra: Record<string, string>) => startChains({ config: loadConfig({ ...env, ...extra }), log: testLog, role: 'server' });
      await expect(start({ PUBLISHER_BSV_CALLBACK_URL: 'http://localhost:8080/chains/bsv/arc-callback', PUBLISHER_BSV_CALLBACK_TOKEN: TOKEN })).rejects.toThrow(
        'chain "bsv": callbackUrl: ARC refuses callback URLs containing "http://localhost" (400 "callback URL not acceptable" to every broadcast), got "http://localhost:8080/chains/bsv/arc-callback": give an address ARC can reach',
      );
      await expect(start({ PUBLISHER_BSV_CALLBACK_URL: callbackUrl })).rejects.toThrow('chain "bsv": callbackToken: callbackUrl needs a callbackToken');
      const chains = await start({ PUBLISHER_BSV_CALLBACK_URL: callbackUrl, PUBLISHER_BSV_CALLBACK_TOKEN: TOKEN });
      expect(chains.get('bsv')!.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST arc-callback']);
      await stopChains(chains);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('confirms a publication from ARC’s MINED callback while ARC’s status lookups fail', async () => {
    gate.shut = true;
    try {
      const { recordId, txid } = await publishOne();
      devnet.mine(1);
      await until(async () => (await publicationStatus(recordId)) === 'confirmed', 'confirmed by the callback');
      const row = await txRow(txid);
      expect(row).toMatchObject({ status: 'confirmed', confirmations: 1 });
      const arc = (await (await fetch(`${devnet.arcUrl}/v1/tx/${txid}`)).json()) as { merklePath: string };
      expect(row.proof.merklePath).toBe(arc.merklePath);
      expect(gate.passed).not.toContain(`/v1/tx/${txid}`); // no lookup of it got through: the callback alone confirmed it
    } finally {
      gate.shut = false;
    }
  });

  it('refuses a missing or wrong token with 401 and changes nothing; a replayed MINED callback changes nothing either', async () => {
    const { recordId, txid } = await publishOne();
    const [block] = devnet.mine(1);
    await until(async () => (await publicationStatus(recordId)) === 'confirmed', 'confirmed');
    const arc = (await (await fetch(`${devnet.arcUrl}/v1/tx/${txid}`)).json()) as { merklePath: string; timestamp: string };
    const mined = { timestamp: arc.timestamp, txid, txStatus: 'MINED', extraInfo: '', merklePath: arc.merklePath, blockHash: block!.hash, blockHeight: block!.height };
    const before = await txRow(txid);
    const entries = await logSize();
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${TOKEN}x`, TOKEN]) {
      const answer = await post(mined, authorization);
      expect(answer.status).toBe(401);
    }
    const replayed = await post({ count: 2, callbacks: [mined, mined] }, `Bearer ${TOKEN}`);
    expect(replayed.status).toBe(200);
    expect(await txRow(txid)).toEqual(before);
    expect(await logSize()).toBe(entries);
    expect(await publicationStatus(recordId)).toBe('confirmed');
  });

  it('still confirms through polling when the callbacks are lost', async () => {
    devnet.faults.dropCallbacks(1_000);
    try {
      const { recordId } = await publishOne();
      devnet.mine(1);
      await until(async () => (await publicationStatus(recordId)) === 'confirmed', 'confirmed by polling');
    } finally {
      devnet.faults.dropCallbacks(0);
    }
  });
});
