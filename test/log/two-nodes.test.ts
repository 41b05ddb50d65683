import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLogKeyHex } from '../../core/audit/index.ts';
import { runCli } from '../../kit/run-cli.ts';
import { spawnNode, type SpawnedNode } from '../../kit/spawn-node.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { leafHash, memoryTree, verifyConsistency } from '../support/rfc6962.ts';
import { TEST_ADMIN_TOKEN } from '../support/test-node.ts';
import { noteSignedBy, readCheckpoint } from '../support/tile-client.ts';

/** How long both nodes take traffic. Not a measure: nothing here is timed. */
const TRAFFIC_MS = 8_000;
/** Clients per node, each its own creator, alternating Publish and PublishBatch. */
const CLIENTS = 3;

let db: TestDatabase;
let dir: string;
let nodes: SpawnedNode[] = [];
const logKeyHex = generateLogKeyHex();
const origin = 'two-nodes.test.localhost/log';

beforeAll(async () => {
  [db, dir] = await Promise.all([createTestDatabase(), mkdtemp(join(tmpdir(), 'publisher-two-nodes-'))]);
  // Both nodes publish to one filelog chain (a file both append to), so their workers' log entries
  // (tx.signed, tx.confirmed) interleave with intake as well.
  await writeFile(
    join(dir, 'publisher.yaml'),
    ['chains:', '  enabled: [filelog]', '  plugins:', `    filelog: ${resolve('examples/filelog-plugin')}`, '  filelog:', `    directory: ${join(dir, 'chain')}`, ''].join('\n'),
  );
  const env = (name: string): Record<string, string> => ({
    PUBLISHER_PROFILE: 'dev',
    PUBLISHER_CONFIG: join(dir, 'publisher.yaml'),
    PUBLISHER_DATA_DIR: join(dir, name),
    DATABASE_URL: db.url,
    PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PUBLISHER_OPEN_REGISTRATION: 'true',
    // One log: the same key and origin in both processes, as replicas of one node run.
    PUBLISHER_LOG_KEY: logKeyHex,
    PUBLISHER_LOG_ORIGIN: origin,
  });
  const started = await Promise.allSettled([spawnNode(['start'], env('a')), spawnNode(['start'], env('b'))]);
  nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of started) if (s.status === 'rejected') throw s.reason;
}, 180_000);

afterAll(async () => {
  for (const node of nodes) node.child.kill('SIGTERM');
  await Promise.all(nodes.map((node) => node.exited));
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

const transport = (url: string) => createConnectTransport({ baseUrl: url, httpVersion: '1.1' });

interface Accepted {
  recordId: string;
  receipt: string;
  node: string;
}

/** One client: Publish and PublishBatch in turn until the deadline; every intent must be accepted. */
async function client(url: string, until: number): Promise<Accepted[]> {
  const publish = createClient(PublishService, transport(url));
  const creator = newCreator();
  const accepted: Accepted[] = [];
  for (let round = 0; Date.now() < until; round++) {
    if (round % 2 === 0) {
      const answer = await publish.publish({ intentJson: creator.intent({ targets: ['filelog'] }) });
      accepted.push({ recordId: answer.recordId, receipt: answer.receipt, node: url });
    } else {
      const { results } = await publish.publishBatch({ intentJsons: Array.from({ length: 1 + (round % 20) }, () => creator.intent({ targets: ['filelog'] })) });
      for (const r of results) {
        if (r.result.case !== 'accepted') throw new Error(`refused: ${JSON.stringify(r.result.value)}`);
        accepted.push({ recordId: r.result.value.recordId, receipt: r.result.value.receipt, node: url });
      }
    }
  }
  return accepted;
}

describe('two node processes on one database, publishing concurrently', () => {
  it('produce one consistent log: gap-free entries, one intent.accepted per intent, receipts that verify, checkpoints consistent with each other, verified by publisher log verify on each node, the same latest checkpoint on both', async () => {
    const [a, b] = nodes as [SpawnedNode, SpawnedNode];
    const logKey = (await createClient(NodeService, transport(a.url)).getInfo({})).logVerifierKey;
    expect((await createClient(NodeService, transport(b.url)).getInfo({})).logVerifierKey).toBe(logKey);

    const until = Date.now() + TRAFFIC_MS;
    const accepted = (await Promise.all([a, b].flatMap((node) => Array.from({ length: CLIENTS }, () => client(node.url, until))))).flat();
    expect(new Set(accepted.map((r) => r.node)).size).toBe(2);

    const pool = testPool(db.url, 2);
    try {
      // The workers finish publishing, then the log stops growing: both nodes serve its last checkpoint.
      const deadline = Date.now() + 120_000;
      let latest: string;
      for (;;) {
        const { rows: open } = await pool.query("SELECT 1 FROM publications WHERE status <> 'confirmed' LIMIT 1");
        const served = await Promise.all([a, b].map(async (node) => (await fetch(`${node.url}/log/checkpoint`)).text()));
        const { rows: top } = await pool.query<{ note: string }>('SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1');
        latest = served[0]!;
        if (open.length === 0 && served[0] === served[1] && served[0] === top[0]?.note) break;
        if (Date.now() > deadline) throw new Error(`the nodes never settled on one checkpoint: ${JSON.stringify(served)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const final = readCheckpoint(latest);
      expect(noteSignedBy(latest, logKey)).toBe(true);
      expect(final.origin).toBe(origin);

      // Entries 0..n-1 with no gap, n the latest checkpoint's size.
      const { rows: entries } = await pool.query<{ idx: string; kind: string; entry: Buffer; leaf_hash: Buffer }>('SELECT idx::text AS idx, kind, entry, leaf_hash FROM log_entries ORDER BY log_entries.idx');
      expect(entries.length).toBe(final.size);
      entries.forEach((e, i) => expect(Number(e.idx)).toBe(i));
      const leaves = entries.map((e) => leafHash(e.entry));
      entries.forEach((e, i) => expect(e.leaf_hash.equals(leaves[i]!), `leaf ${i}`).toBe(true));

      // Every accepted intent: exactly one intent.accepted entry, which its receipt proves.
      const acceptedEntries = new Map<string, number[]>();
      for (const [i, e] of entries.entries()) {
        if (e.kind !== 'intent.accepted') continue;
        const recordId = (JSON.parse(e.entry.toString('utf8')) as { data: { recordId: string } }).data.recordId;
        acceptedEntries.set(recordId, [...(acceptedEntries.get(recordId) ?? []), i]);
      }
      expect(acceptedEntries.size).toBe(accepted.length);
      // The two nodes' intake really interleaved in the log, not one after the other.
      const nodeOf = new Map(accepted.map((r) => [r.recordId, r.node]));
      const order = [...acceptedEntries].sort((x, y) => x[1][0]! - y[1][0]!).map(([recordId]) => nodeOf.get(recordId));
      expect(order.filter((node, i) => i > 0 && node !== order[i - 1]).length).toBeGreaterThan(2);
      const { rows: stored } = await pool.query<{ size: string; root_hash: Buffer; note: string }>('SELECT size::text AS size, root_hash, note FROM log_checkpoints ORDER BY log_checkpoints.size');
      const notes = new Set(stored.map((c) => c.note));
      for (const { recordId, receipt } of accepted) {
        expect(acceptedEntries.get(recordId), recordId).toHaveLength(1);
        const read = readReceipt(receipt, logKey);
        expect(read.verified, recordId).toBe(true);
        expect([read.index, read.entry.kind, read.entry.data['recordId']]).toEqual([acceptedEntries.get(recordId)![0], 'intent.accepted', recordId]);
        expect(notes.has(read.checkpoint), `the checkpoint of ${recordId}'s receipt is stored`).toBe(true);
      }

      // Every stored checkpoint: signed by the log key, its root the hash of the first `size`
      // entries of this one sequence (so any two are consistent), and proved consistent with the
      // next one and with the latest by LogService, checked by an independent RFC 6962 verifier.
      const mth = memoryTree(leaves);
      for (const c of stored) {
        expect(noteSignedBy(c.note, logKey), `checkpoint ${c.size}`).toBe(true);
        expect(readCheckpoint(c.note).root.equals(c.root_hash)).toBe(true);
        expect((await mth(0, Number(c.size))).equals(c.root_hash), `root of checkpoint ${c.size}`).toBe(true);
      }
      expect(Number(stored.at(-1)!.size)).toBe(final.size);
      const logService = [a, b].map((node) => createClient(LogService, transport(node.url)));
      for (const [i, c] of stored.entries()) {
        const size = Number(c.size);
        if (size === 0) continue; // the empty tree's checkpoint: a prefix of any tree (RFC 6962 proves from size 1)
        const later = [stored[i + 1], stored.at(-1)].filter((n): n is (typeof stored)[number] => n !== undefined && Number(n.size) > size);
        for (const [j, next] of later.entries()) {
          // Asked of each node in turn.
          const proof = await logService[(i + j) % 2]!.getConsistencyProof({ oldSize: BigInt(size), newSize: BigInt(next.size) });
          expect(Buffer.from(proof.oldRootHash).equals(c.root_hash)).toBe(true);
          expect(Buffer.from(proof.newRootHash).equals(next.root_hash)).toBe(true);
          expect(verifyConsistency(size, Number(next.size), proof.proof.map((p) => Buffer.from(p)), c.root_hash, next.root_hash), `${size} → ${next.size}`).toBe(true);
        }
      }

      // An outsider's check of each node: publisher log verify downloads the tiles and recomputes.
      for (const node of [a, b]) {
        const run = await runCli(['log', 'verify', '--log-key', logKey], { cwd: dir, env: { PUBLISHER_URL: node.url } });
        expect([run.code, run.stderr]).toEqual([0, '']);
        expect(run.stdout).toContain(`log verified: ${final.size} entries`);
      }
      // And both serve the same latest checkpoint, over HTTP and LogService.
      const [fromA, fromB] = await Promise.all(logService.map((s) => s.getCheckpoint({})));
      expect(fromA!.checkpoint).toBe(latest);
      expect(fromB!.checkpoint).toBe(latest);
    } finally {
      await pool.end();
    }
  }, 400_000);
});
