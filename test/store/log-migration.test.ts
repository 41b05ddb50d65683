import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { entryText, verifyLog } from '../../core/audit/index.ts';
import { canonicalJson, type JsonObject } from '../../core/canonical/index.ts';
import { parseIntent } from '../../core/intent/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { loadConfig } from '../../server/config/index.ts';
import { startNode, type RunningNode } from '../../server/node.ts';
import { createDatabaseAt, type TestDatabase } from '../support/database.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';

/** The last migration before the transparency log: what an earlier version's database has applied. */
const BEFORE_LOG = 'migration-20261202012000-publications-partial-tx-index';

let database: TestDatabase;
let url: string;
let sql: pg.Pool;
let dataDir: string;
let node: RunningNode | undefined;

interface OldEvent {
  seq: number;
  at: Date;
  kind: string;
  actor: string;
  subject: string;
  data: JsonObject;
}

/** The hash chain of earlier versions: hex(SHA-256(JCS({seq, at, kind, actor, subject, data, prevHash}))). */
function chain(events: OldEvent[]): (OldEvent & { prevHash: string; hash: string })[] {
  let prevHash = '0'.repeat(64);
  return events.map((e) => {
    const hash = createHash('sha256').update(canonicalJson({ seq: e.seq, at: e.at.toISOString(), kind: e.kind, actor: e.actor, subject: e.subject, data: e.data, prevHash })).digest('hex');
    const linked = { ...e, prevHash, hash };
    prevHash = hash;
    return linked;
  });
}

const creator = newCreator();
const texts = [creator.intent({ targets: ['bsv', 'arweave'] }), creator.intent({ targets: ['bsv'] })];
const intents = texts.map((t) => parseIntent(t));
const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, s, 123));
const events = chain([
  { seq: 1, at: at(0), kind: 'key.registered', actor: 'admin', subject: `secp256k1:${creator.publicKey}`, data: { address: creator.address(), label: 'alice', quota: {} } },
  { seq: 2, at: at(1), kind: 'intent.accepted', actor: `creator:${creator.address()}`, subject: intents[0]!.recordId, data: { targets: ['arweave', 'bsv'], nonce: intents[0]!.nonceText, scheme: 'secp256k1', sizeBytes: 400 } },
  { seq: 3, at: at(2), kind: 'intent.refused', actor: `creator:${creator.address()}`, subject: 'ab'.repeat(32), data: { reason: 'STALE_INTENT', message: 'too old "quoted" é' } },
  { seq: 4, at: at(3), kind: 'intent.accepted', actor: `creator:${creator.address()}`, subject: intents[1]!.recordId, data: { targets: ['bsv'], nonce: intents[1]!.nonceText, scheme: 'secp256k1', sizeBytes: 300 } },
  { seq: 5, at: at(4), kind: 'tx.broadcast', actor: 'worker:bsv:server-1', subject: 'cd'.repeat(32), data: { chain: 'bsv', outcome: 'accepted' } },
]);

beforeAll(async () => {
  // An earlier version's database: its migrations, its hash-chained events, records with v1 receipts.
  database = await createDatabaseAt(BEFORE_LOG);
  url = database.url;
  sql = new pg.Pool({ connectionString: url, max: 2 });
  for (const e of events) {
    await sql.query('INSERT INTO audit_events (seq, at, kind, actor, subject, data_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      e.seq, e.at, e.kind, e.actor, e.subject, canonicalJson(e.data), e.prevHash, e.hash,
    ]);
  }
  for (const [i, intent] of intents.entries()) {
    await sql.query(
      `INSERT INTO records (record_id, creator, scheme, public_key, nonce, targets, signed_at, accepted_at, intent_json, size_bytes, receipt_json, audit_seq)
       VALUES ($1, $2, 'secp256k1', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [intent.recordId, creator.address(), intent.publicKeyText, intent.nonceText, intent.targets, intent.timestamp, at(i * 3 + 1), texts[i], intent.sizeBytes, '{"v1":"receipt"}', i === 0 ? 2 : 4],
    );
    await sql.query(`INSERT INTO nonces (signer, nonce, record_id, created_at) VALUES ($1, $2, $3, now())`, [`secp256k1:${intent.publicKeyText}`, intent.nonceText, intent.recordId]);
  }
  dataDir = await mkdtemp(join(tmpdir(), 'publisher-old-'));
}, 120_000);

afterAll(async () => {
  await node?.close();
  await sql?.end();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('an earlier version\'s database, started on the new code', () => {
  it('carries on: its events become entries 0-4 of the log, its records get tlog receipts, and new entries follow', async () => {
    const config = loadConfig({ PUBLISHER_PORT: '0', PUBLISHER_DATA_DIR: dataDir, DATABASE_URL: url, PUBLISHER_ADMIN_TOKEN: 'old-data-admin-token-0123', PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_CHAINS: 'bsv,arweave', PUBLISHER_INLINE_WORKERS: 'false' });
    node = await startNode(config, pino({ level: 'silent' }));

    // The events, in order, as entries seq - 1 with their own fields, under the log's first signed
    // checkpoint (size 5). What the node itself logs as it starts (the dev funding it imports) follows them.
    const { rows: entries } = await sql.query<{ idx: string; entry: Buffer; kind: string; subject: string }>('SELECT idx, entry, kind, subject FROM log_entries ORDER BY idx');
    expect(entries.slice(0, events.length).map((e) => [Number(e.idx), e.kind, e.subject])).toEqual(events.map((e) => [e.seq - 1, e.kind, e.subject]));
    for (const e of events) {
      const expected = entryText({ index: e.seq - 1, at: e.at, kind: e.kind, actor: e.actor, subject: e.subject, dataJson: canonicalJson(e.data) });
      expect(entries[e.seq - 1]!.entry.toString('utf8')).toBe(expected);
    }
    const later = entries.slice(events.length);
    expect(later.map((e) => Number(e.idx))).toEqual(later.map((_, i) => events.length + i));
    for (const e of later) expect(JSON.parse(e.entry.toString('utf8'))).toMatchObject({ index: Number(e.idx), kind: e.kind, subject: e.subject });
    const { rows: checkpoints } = await sql.query<{ size: string }>('SELECT size FROM log_checkpoints ORDER BY size');
    expect(Number(checkpoints[0]!.size)).toBe(events.length);
    expect(Number(checkpoints.at(-1)!.size)).toBe(entries.length);
    expect(await verifyLog(sql, node.logSigner)).toMatchObject({ intact: true, checked: entries.length, size: entries.length });

    // Each record names its acceptance entry (seq 2 → entry 1, seq 4 → entry 3) and has a receipt proving it.
    const info = await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({});
    const { rows: records } = await sql.query<{ record_id: string; log_index: string; receipt: string }>('SELECT record_id, log_index, receipt FROM records ORDER BY log_index');
    expect(records.map((r) => [r.record_id, Number(r.log_index)])).toEqual([
      [intents[0]!.recordId, 1],
      [intents[1]!.recordId, 3],
    ]);
    for (const r of records) {
      const receipt = readReceipt(r.receipt, info.logVerifierKey);
      expect(receipt).toMatchObject({ verified: true, index: Number(r.log_index), size: 5 });
      expect(receipt.entry).toMatchObject({ kind: 'intent.accepted', subject: r.record_id, actor: `creator:${creator.address()}` });
    }

    // The old audit table is left as it was, append-only.
    await expect(sql.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    // A resubmitted old intent is a duplicate answered with its (new) stored receipt; a new one is entry 5.
    const again = await publish.publish({ intentJson: texts[0]! });
    expect(again).toMatchObject({ duplicate: true, receipt: records[0]!.receipt });
    const fresh = await publish.publish({ intentJson: creator.intent() });
    expect(readReceipt(fresh.receipt, info.logVerifierKey)).toMatchObject({ verified: true, index: entries.length, size: entries.length + 1 });
    expect(await verifyLog(sql, node.logSigner)).toMatchObject({ intact: true, checked: entries.length + 1 });
  }, 120_000);

  it('and started again, signs nothing new and refuses another log key for its log', async () => {
    await node?.close();
    node = undefined;
    const count = async () => (await sql.query<{ n: number; entries: number }>('SELECT count(*)::int AS n, (SELECT count(*)::int FROM log_entries) AS entries FROM log_checkpoints')).rows[0]!;
    const before = await count();
    const config = loadConfig({ PUBLISHER_PORT: '0', PUBLISHER_DATA_DIR: dataDir, DATABASE_URL: url, PUBLISHER_ADMIN_TOKEN: 'old-data-admin-token-0123', PUBLISHER_CHAINS: 'bsv,arweave', PUBLISHER_INLINE_WORKERS: 'false' });
    node = await startNode(config, pino({ level: 'silent' }));
    // The old events are not imported a second time, and the log's first checkpoint stays the one over them.
    expect(await count()).toEqual(before);
    const { rows: first } = await sql.query<{ size: string }>('SELECT size FROM log_checkpoints ORDER BY size LIMIT 1');
    expect(Number(first[0]!.size)).toBe(events.length);
    await node.close();
    node = undefined;
    const other = loadConfig({ ...Object.fromEntries([['PUBLISHER_PORT', '0']]), PUBLISHER_DATA_DIR: dataDir, DATABASE_URL: url, PUBLISHER_ADMIN_TOKEN: 'old-data-admin-token-0123', PUBLISHER_LOG_KEY: '44'.repeat(32), PUBLISHER_INLINE_WORKERS: 'false' });
    await expect(startNode(other, pino({ level: 'silent' }))).rejects.toThrow(/signed with another key than/);
  }, 120_000);
});
