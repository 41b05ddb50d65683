import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../core/audit/index.ts';
import { startArweaveDevnet, type ArweaveDevnet } from '../../devnet/arweave/index.ts';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { loadConfig } from '../../server/config/index.ts';
import { loadLogSigner } from '../../server/log-key-source.ts';
import { arweaveCensus } from '../support/arweave-census.ts';
import { bsvCensus } from '../support/bsv-census.ts';
import { newCreator } from '../support/creator.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { spawnNode, type SpawnedNode } from '../support/spawn-node.ts';

/**
 * Crash safety, tested by killing processes: a server (with its own workers) and two worker
 * processes publish every intent to both chains, a BSV devnet and an Arweave devnet that live in
 * this test process, while a chaos loop kills one of them with SIGKILL every couple of seconds and
 * starts it again. Arweave bundles of a few hundred items are uploaded in chunks, so kills land in
 * the middle of chunked uploads too.
 */
let devnet: BsvDevnet;
let arweave: ArweaveDevnet;
let wallet: JWKInterface;
let db: TestDatabase;
let dir: string;
let sql: pg.Pool;
const fundingKey = PrivateKey.fromRandom();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-crash-'));
  devnet = await startBsvDevnet({
    dir: join(dir, 'chain'),
    log: pino({ level: 'silent' }),
    fund: [{ address: fundingKey.toAddress([0x6f]), satoshis: 50_000_000, outputs: 30 }],
    blockIntervalMs: 300,
  });
  wallet = await Arweave.init({}).wallets.generate();
  arweave = await startArweaveDevnet({
    dir: join(dir, 'arweave'),
    log: pino({ level: 'silent' }),
    fund: [{ address: await Arweave.init({}).wallets.jwkToAddress(wallet), winston: 10n ** 15n }],
    // A block a second: an anchor (valid for 50 blocks) outlives a slow upload under the kills.
    mineIntervalMs: 1_000,
  });
  db = await createTestDatabase();
  sql = testPool(db.url);
}, 60_000);
afterAll(async () => {
  // Whatever happened above, no node or worker outlives the test.
  for (const child of spawned) child.kill('SIGKILL');
  await sql?.end();
  await db?.drop();
  await devnet?.stop();
  await arweave?.stop();
  await rm(dir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    PUBLISHER_DATA_DIR: join(dir, 'node'),
    PUBLISHER_ADMIN_TOKEN: 'crash-test-admin-token',
    PUBLISHER_CHAINS: 'bsv,arweave',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_ARC_URL: devnet.arcUrl,
    PUBLISHER_BSV_WOC_URL: devnet.wocUrl,
    PUBLISHER_BSV_NETWORK: 'regtest',
    PUBLISHER_BSV_FUNDING_KEY: fundingKey.toHex(),
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
    PUBLISHER_BSV_BATCH_SIZE: '500',
    PUBLISHER_ARWEAVE_GATEWAY: arweave.url,
    PUBLISHER_ARWEAVE_NETWORK: 'devnet',
    PUBLISHER_ARWEAVE_WALLET: JSON.stringify(wallet),
    PUBLISHER_ARWEAVE_BATCH_WINDOW_MS: '100',
    PUBLISHER_ARWEAVE_BATCH_SIZE: '300',
    PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH: '3',
    PUBLISHER_ARWEAVE_DROP_AFTER_MS: '5000',
    PUBLISHER_LOG_LEVEL: 'info',
    // The log's checkpoints are anchored under the kills too (transparency-log.md §5).
    PUBLISHER_LOG_ANCHOR_INTERVAL_SECONDS: '2',
  };
}

const spawned = new Set<SpawnedNode['child']>();
const track = (p: Promise<SpawnedNode>) =>
  p.then((node) => {
    spawned.add(node.child);
    return node;
  });
const startServer = () => track(spawnNode(['start'], env()));
const startWorker = () => track(spawnNode(['worker'], env(), 60_000, /publication worker running/));

describe('kill -9 at random moments while intents flow', () => {
  it('ends with every accepted intent on chain exactly once, no reservation leaked, no double spend, the log intact: no entry without its checkpoint, no checkpoint without its entries', async () => {
    const procs: { server: SpawnedNode; workers: SpawnedNode[] } = { server: await startServer(), workers: [await startWorker(), await startWorker()] };
    const creator = newCreator();
    const accepted = new Set<string>();
    let kills = 0;
    let loading = true;

    // Intake under the kills too, up to a few thousand records; the pipeline keeps working through
    // them while the kills go on.
    const load = (async () => {
      while (loading && accepted.size < 2_000) {
        const texts = Array.from({ length: 100 }, () => creator.intent({ targets: ['bsv', 'arweave'] }));
        try {
          const res = await createClient(PublishService, createGrpcTransport({ baseUrl: procs.server.url })).publishBatch({ intentJsons: texts }, { timeoutMs: 10_000 });
          for (const r of res.results) if (r.result.case === 'accepted') accepted.add(r.result.value.recordId);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200)); // the server is down: it is being restarted
        }
      }
    })();

    const chaos = (async () => {
      while (kills < 8) {
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2_000));
        const victim = Math.floor(Math.random() * 3);
        if (victim === 0) {
          procs.server.child.kill('SIGKILL');
          await procs.server.exited;
          procs.server = await startServer();
        } else {
          const worker = procs.workers[victim - 1]!;
          worker.child.kill('SIGKILL');
          await worker.exited;
          procs.workers[victim - 1] = await startWorker();
        }
        kills += 1;
      }
      loading = false;
    })();
    await Promise.all([load, chaos]);
    expect(accepted.size).toBeGreaterThan(1_000);

    // Let the survivors finish: everything stored must end confirmed.
    const deadline = Date.now() + 240_000;
    for (;;) {
      const { rows } = await sql.query<{ open: number }>(
        "SELECT (SELECT count(*) FROM publications WHERE status <> 'confirmed') + (SELECT count(*) FROM log_anchors WHERE status IN ('queued', 'submitted'))::int AS open",
      );
      if (Number(rows[0]!.open) === 0) break;
      if (Date.now() > deadline) {
        const open = await sql.query("SELECT chain, status, count(*)::int AS n FROM publications WHERE status <> 'confirmed' GROUP BY 1, 2 ORDER BY 1, 2");
        const txs = await sql.query("SELECT chain, status, count(*)::int AS n, max(last_error) AS error FROM chain_txs WHERE status <> 'confirmed' GROUP BY 1, 2");
        throw new Error(`publications still not confirmed: ${JSON.stringify(open.rows)}; their transactions: ${JSON.stringify(txs.rows)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const p of [procs.server, ...procs.workers]) {
      p.child.kill('SIGTERM');
      await p.exited;
    }

    const { rows: stored } = await sql.query<{ record_id: string }>('SELECT record_id FROM records');
    const storedIds = new Set(stored.map((r) => r.record_id));
    expect([...accepted].filter((id) => !storedIds.has(id))).toEqual([]);

    const censuses = { bsv: await bsvCensus(devnet.wocUrl), arweave: await arweaveCensus(arweave.url) };
    for (const census of Object.values(censuses)) {
      expect([...storedIds].filter((id) => census.records.get(id) !== 1)).toEqual([]);
      expect([...census.records.keys()].filter((id) => !storedIds.has(id))).toEqual([]);
    }
    // Checkpoints anchored through the kills: each confirmed anchor on its chain exactly once, no
    // checkpoint sent twice, nothing on chain the database does not know.
    const { rows: anchored } = await sql.query<{ chain: 'bsv' | 'arweave'; status: string; note: string }>(
      'SELECT a.chain, a.status, c.note FROM log_anchors a JOIN log_checkpoints c ON c.size = a.tree_size',
    );
    expect(anchored.filter((a) => a.status === 'confirmed').length).toBeGreaterThan(0);
    expect(anchored.filter((a) => a.status !== 'confirmed')).toEqual([]);
    for (const [chain, census] of Object.entries(censuses)) {
      const notes = anchored.filter((a) => a.chain === chain).map((a) => a.note);
      expect(notes.filter((note) => census.checkpoints.get(note) !== 1), chain).toEqual([]);
      expect([...census.checkpoints.keys()].filter((note) => !notes.includes(note)), chain).toEqual([]);
    }

    const { rows: funding } = await sql.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM funding_utxos WHERE chain = 'bsv' GROUP BY status");
    expect(funding.find((f) => f.status === 'reserved')).toBeUndefined();
    const { rows: winston } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM funding_reservations WHERE chain = 'arweave' AND status = 'reserved'");
    expect(winston[0]!.n).toBe(0);
    const { rows: txs } = await sql.query<{ status: string; last_error: string | null }>("SELECT status, last_error FROM chain_txs WHERE status NOT IN ('confirmed')");
    expect(txs.filter((t) => t.status !== 'rejected')).toEqual([]);
    expect(txs.filter((t) => /double_spend/.test(t.last_error ?? ''))).toEqual([]);
    // Every process signed with the dev log key of their shared data directory.
    const signer = await loadLogSigner(loadConfig({ PUBLISHER_DATA_DIR: join(dir, 'node') }));
    const verification = await verifyLog(sql, signer);
    expect(verification).toMatchObject({ intact: true });
    expect(verification.checked).toBe(verification.size);
  }, 480_000);
});
