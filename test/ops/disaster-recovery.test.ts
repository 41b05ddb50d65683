import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readTx } from '../../adapters/bsv/read-tx.ts';
import { recordOutputs } from '../../adapters/bsv/record-outputs.ts';
import { scratchDatabase, type ScratchDatabase } from '../../kit/scratch-database.ts';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { loadConfig, type NodeConfig } from '../../server/config/index.ts';
import { startNode, type RunningNode } from '../../server/node.ts';
import type { PublishedChainReconciliation } from '../../server/reconcile/reconcile-published-chain.ts';
import type { ChainReconciliation } from '../../server/reconcile/reconcile-utxo-chain.ts';
import type { ReconcileReport } from '../../server/reconcile/run-reconcile.ts';
import { startWorkerProcess } from '../../server/worker-process.ts';
import { arweaveRecordCensus } from '../support/arweave-census.ts';
import { bsvCensus } from '../support/bsv-census.ts';
import { arweaveCheckpointCensus } from './support/arweave-checkpoint-census.ts';
import { newCreator } from '../support/creator.ts';
import { TEST_ADMIN_TOKEN } from '../support/test-node.ts';

const run = promisify(execFile);
/** Hang guards only: nothing here measures speed. */
const LONG = 600_000;
const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

/**
 * A server the machine's pg_dump can dump (PostgreSQL 15 client tools): the suite's own when it is
 * not newer, else the machine's PostgreSQL at 127.0.0.1:5432 (.ci/run starts it before the tests).
 */
async function dumpableServer(): Promise<string> {
  const suite = inject('adminDatabaseUrl');
  const client = new pg.Client({ connectionString: suite });
  await client.connect();
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v").finally(() => client.end());
  const dumpMajor = Number(/\d+/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).replace(/^\D+/, ''))![0]);
  return Math.floor(Number(rows[0]!.v) / 10_000) <= dumpMajor ? suite : (process.env['PUBLISHER_DR_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Polls until `done` holds; the deadline is a hang guard. */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

describe('disaster recovery drill (docs/operations.md, "Restoring from a backup")', () => {
  it(
    'restores a node publishing to BSV and Arweave from pg_dump: records acknowledged before the backup end CONFIRMED once on each chain, later ones are reported, funding and the log are consistent',
    async () => {
      const server = await dumpableServer();
      const dataDir = await mkdtemp(join(tmpdir(), 'publisher-dr-'));
      cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
      const original: ScratchDatabase = await scratchDatabase(server);
      cleanup.push(() => original.drop());
      const env = (databaseUrl: string): Record<string, string> => ({
        PUBLISHER_PROFILE: 'dev',
        PUBLISHER_PORT: '0',
        PUBLISHER_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        PUBLISHER_CHAINS: 'bsv,arweave',
        PUBLISHER_OPEN_REGISTRATION: 'true',
        PUBLISHER_INLINE_WORKERS: 'false',
        PUBLISHER_BSV_DEVNET_BLOCK_MS: '1000',
        PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH: '2',
      });
      const config: NodeConfig = loadConfig(env(original.url));
      let node: RunningNode = await startNode(config, log);
      cleanup.push(() => node.close());
      let worker = await startWorkerProcess(config, log);
      cleanup.push(() => worker.stop());
      const creator = newCreator();
      const publishSome = async (n: number): Promise<string[]> => {
        const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
        const { results } = await publish.publishBatch({ intentJsons: Array.from({ length: n }, () => creator.intent({ targets: ['bsv', 'arweave'] })) });
        return results.map((r) => {
          if (r.result.case !== 'accepted') throw new Error(`refused: ${JSON.stringify(r.result.value)}`);
          return r.result.value.recordId;
        });
      };
      const statuses = async (url: string, ids: readonly string[]) =>
        query<{ record_id: string; chain: string; status: string }>(url, 'SELECT record_id, chain, status FROM publications WHERE record_id = ANY($1::text[])', [ids]);

      // Under load: batches published while the worker runs; some confirmed.
      const confirmedBefore: string[] = [];
      for (let i = 0; i < 5; i++) confirmedBefore.push(...(await publishSome(8)));
      await until('the first records confirmed', async () => (await statuses(original.url, confirmedBefore)).filter((r) => r.status === 'confirmed').length >= 8);
      // The worker stops: these are acknowledged before the backup but published only after it.
      await worker.stop();
      const queuedAtBackup = await publishSome(12);
      const before = [...confirmedBefore, ...queuedAtBackup];

      // The backup, while intake goes on (those records may or may not be in it).
      const dumpFile = join(dataDir, 'publisher.dump');
      const publishing = publishSome(10);
      await run('pg_dump', ['--format=custom', '--file', dumpFile, original.url]);
      const [{ dumped }] = (await query<{ dumped: Date }>(original.url, 'SELECT now() AS dumped')) as [{ dumped: Date }];
      const during = await publishing;

      // After the backup: the worker publishes everything (the backup's queued records included),
      // and more records are acknowledged and published.
      worker = await startWorkerProcess(config, log);
      const after: string[] = [];
      for (let i = 0; i < 3; i++) after.push(...(await publishSome(6)));
      const all = [...before, ...during, ...after];
      // Arweave's mined: reconcile reads mined transactions only (a gateway may not list pending ones).
      await until('every record on chain', async () =>
        (await statuses(original.url, all)).every((r) => r.status === 'confirmed' || (r.chain === 'bsv' && r.status === 'submitted')),
      );
      // And a log checkpoint anchored on Arweave after the backup (dev profile: every 10 s while the log grows).
      await until('a checkpoint anchored on Arweave after the backup', async () =>
        (
          await query(
            original.url,
            "SELECT 1 FROM log_anchors a JOIN chain_txs t ON t.id = a.chain_tx_id WHERE a.chain = 'arweave' AND a.created_at > $1 AND t.status = 'confirmed'",
            [dumped],
          )
        ).length > 0,
      );
      // And on BSV (the chains anchor the same checkpoints); reconcile reads BSV transactions in the mempool too.
      await until('a checkpoint anchored on BSV after the backup', async () =>
        (await query(original.url, "SELECT 1 FROM log_anchors a WHERE a.chain = 'bsv' AND a.created_at > $1 AND a.status IN ('submitted', 'confirmed')", [dumped])).length > 0,
      );
      await worker.stop();
      await node.close();

      // The database is lost.
      await original.drop();

      // Restore into a fresh database, reconcile, then start a fresh node on the same data directory.
      const restored = await scratchDatabase(server);
      cleanup.push(() => restored.drop());
      await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restored.url, dumpFile]);
      const reconcile = async () => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/main.ts', 'reconcile'], { env: { ...process.env, ...env(restored.url), PUBLISHER_LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024 });
        return JSON.parse(stdout) as ReconcileReport;
      };
      const report = await reconcile();
      expect(report.notReconciled).toEqual([]);
      const bsv = report.chains.find((c): c is ChainReconciliation => c.chain === 'bsv');
      const arweave = report.chains.find((c): c is PublishedChainReconciliation => c.chain === 'arweave');
      expect(arweave?.unread).toEqual([]);
      const restoredIds = new Set((await query<{ record_id: string }>(restored.url, 'SELECT record_id FROM records')).map((r) => r.record_id));
      // Every record acknowledged before the backup is in it; those after it are not, and are the
      // ones reconciliation reports (a record acknowledged during the dump is one or the other).
      for (const id of before) expect(restoredIds.has(id), id).toBe(true);
      for (const chain of [bsv!, arweave!]) {
        const lost = new Set(chain.lostRecords.map((r) => r.recordId));
        for (const id of after) expect(lost.has(id), `${chain.chain} ${id}`).toBe(true);
        for (const id of during) expect(restoredIds.has(id) !== lost.has(id), `${chain.chain} ${id}`).toBe(true);
        expect(lost.size).toBe(all.filter((id) => !restoredIds.has(id)).length);
        // The backup's queued records rode in transactions made after it: adopted, not queued again.
        expect(chain.adoptedRecords).toBeGreaterThanOrEqual(queuedAtBackup.length);
      }
      // Those anchors are adopted (their checkpoint is the restored log's) or reported (the lost log's).
      expect(arweave!.adoptedCheckpoints + arweave!.lostCheckpoints.length).toBeGreaterThan(0);
      expect(bsv!.adoptedCheckpoints + bsv!.lostCheckpoints.length).toBeGreaterThan(0);
      // Each adopted Arweave bundle's fee is reserved until it confirms.
      expect(BigInt(arweave!.fundingReserved)).toBeGreaterThan(0n);
      const adoptedFees = await query<{ fee: string; amount: string; status: string }>(
        restored.url,
        "SELECT t.fee::text, r.amount::text, r.status FROM chain_txs t JOIN funding_reservations r ON r.chain_tx_id = t.id WHERE t.chain = 'arweave' AND t.txid = ANY($1::text[])",
        [arweave!.adoptedTransactions.map((t) => t.txid)],
      );
      expect(adoptedFees.length).toBe(arweave!.adoptedTransactions.length);
      expect(adoptedFees.reduce((sum, r) => sum + BigInt(r.amount), 0n)).toBe(BigInt(arweave!.fundingReserved));
      expect(await query(restored.url, "SELECT 1 FROM publications WHERE status = 'queued'")).toEqual([]);

      const restoredConfig = loadConfig({ ...env(restored.url), PUBLISHER_INLINE_WORKERS: 'true' });
      node = await startNode(restoredConfig, log);
      const present = all.filter((id) => restoredIds.has(id));
      // Adopted transactions that carry only lost records are followed too: wait for them as well.
      const unsettled = async () => query(restored.url, "SELECT 1 FROM chain_txs WHERE status IN ('signed', 'broadcast', 'mined')");
      await until('every restored record confirmed, every transaction settled', async () => (await statuses(restored.url, present)).every((r) => r.status === 'confirmed') && (await unsettled()).length === 0);

      // Exactly once on chain: every confirmed transaction the node knows (all of the operator's,
      // as the second reconciliation below shows) carries each record at most once, and each
      // restored record once.
      const txs = await query<{ txid: string; raw_tx: Buffer; status: string }>(restored.url, "SELECT txid, raw_tx, status FROM chain_txs WHERE chain = 'bsv'");
      expect(await query(restored.url, "SELECT txid, status FROM chain_txs WHERE status <> 'confirmed'")).toEqual([]);
      const onChain = new Map<string, number>();
      for (const t of txs) for (const r of recordOutputs(readTx(t.raw_tx))) onChain.set(r.recordId, (onChain.get(r.recordId) ?? 0) + 1);
      for (const id of all) expect(onChain.get(id), id).toBe(1);
      // On Arweave, counted as an outsider reads the chain: the items of every mined bundle.
      const { gatewayUrl } = JSON.parse(await readFile(join(dataDir, 'devnet-arweave.json'), 'utf8')) as { gatewayUrl: string };
      const onArweave = await arweaveRecordCensus(gatewayUrl);
      for (const id of all) expect(onArweave.get(id), `arweave ${id}`).toBe(1);
      // Log checkpoints anchored on Arweave: each once, and each known, as an anchor of the
      // restored log (log_anchors) or as one of the lost log's that reconcile reported.
      const anchored = await arweaveCheckpointCensus(gatewayUrl);
      const known = new Set([
        ...(await query<{ locator: string }>(restored.url, "SELECT locator FROM log_anchors WHERE chain = 'arweave' AND locator IS NOT NULL")).map((r) => r.locator),
        ...arweave!.lostCheckpoints.map((c) => c.locator),
      ]);
      for (const [note, items] of anchored) {
        expect(items.length, note).toBe(1);
        expect(known.has(items[0]!), note).toBe(true);
      }

      // On BSV too: each checkpoint note on chain once, as an anchor of the restored log or one reconcile reported lost.
      const { wocUrl } = JSON.parse(await readFile(join(dataDir, 'devnet-bsv.json'), 'utf8')) as { wocUrl: string };
      const onBsv = (await bsvCensus(wocUrl)).checkpoints;
      for (const [note, n] of onBsv) expect(n, note).toBe(1);
      const bsvAnchors = await query<{ note: string }>(restored.url, "SELECT c.note FROM log_anchors a JOIN log_checkpoints c ON c.size = a.tree_size WHERE a.chain = 'bsv' AND a.status = 'confirmed'");
      expect(onBsv.size).toBe(bsvAnchors.length + bsv!.lostCheckpoints.length);
      for (const { note } of bsvAnchors) expect(onBsv.get(note), note).toBe(1);

      // The log verifies.
      const audit = createClient(AuditService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
      const verdict = await audit.verifyChain({}, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      expect([verdict.intact, verdict.detail]).toEqual([true, expect.any(String)]);
      await node.close();

      // Funding: no output spent twice (the chain refused no transaction), no reservation left, and
      // the database matches the chain: a second reconciliation finds nothing to do.
      expect(await query(restored.url, "SELECT 1 FROM chain_txs WHERE status IN ('rejected', 'dropped')")).toEqual([]);
      expect(await query(restored.url, "SELECT txid, vout FROM funding_utxos WHERE status = 'reserved'")).toEqual([]);
      expect(await query(restored.url, "SELECT chain_tx_id, amount FROM funding_reservations WHERE status = 'reserved'")).toEqual([]);
      // Every Arweave transaction's fee settled: what the wallet paid is what the database counts as spent.
      expect(await query(restored.url, "SELECT t.txid FROM chain_txs t LEFT JOIN funding_reservations r ON r.chain_tx_id = t.id AND r.status = 'settled' AND r.amount = t.fee WHERE t.chain = 'arweave' AND r.id IS NULL")).toEqual([]);
      const again = await reconcile();
      expect(again.chains).toEqual([
        { chain: 'bsv', adoptedTransactions: [], adoptedRecords: 0, lostRecords: [], adoptedCheckpoints: 0, lostCheckpoints: [], fundingSpent: 0, fundingAdded: 0 },
        { chain: 'arweave', adoptedTransactions: [], adoptedRecords: 0, lostRecords: [], adoptedCheckpoints: 0, lostCheckpoints: [], fundingReserved: '0', unread: [] },
      ]);
    },
    LONG,
  );
});
