import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../core/audit/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_BATCH_SIZE: '1000',
    // A batch is claimed once 1,000 records wait (or after the window): an hour, so the one claim
    // is of all 1,000 however slowly intake commits them.
    PUBLISHER_BSV_BATCH_WINDOW_MS: '3600000',
    PUBLISHER_BSV_DEVNET_BLOCK_MS: '300',
    PUBLISHER_LOG_ANCHOR_INTERVAL_SECONDS: '0',
  });
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

describe('a batch of 1,000 records, the default most per BSV transaction', () => {
  it('is signed and confirmed in one transaction, its record ids logged in parts of 500 (a log entry holds at most 64 KiB)', async () => {
    const creator = newCreator();
    const res = await createClient(PublishService, createGrpcTransport({ baseUrl: node.url })).publishBatch({ intentJsons: Array.from({ length: 1_000 }, () => creator.intent({ targets: ['bsv'] })) });
    const ids = res.results.map((r) => (r.result.case === 'accepted' ? r.result.value.recordId : 'refused'));
    expect(ids.filter((id) => id === 'refused')).toEqual([]);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await node.store.pool.query<{ open: number }>("SELECT count(*)::int AS open FROM publications WHERE status <> 'confirmed'");
      if (rows[0]!.open === 0) break;
      if (Date.now() > deadline) throw new Error(`${rows[0]!.open} publications not confirmed`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const { rows: txs } = await node.store.pool.query<{ txid: string; record_count: number }>("SELECT txid, record_count FROM chain_txs WHERE record_count > 0");
    expect(txs.map((t) => t.record_count)).toEqual([1_000]);
    const { rows: entries } = await node.store.pool.query<{ kind: string; entry: Buffer }>(
      "SELECT kind, entry FROM log_entries WHERE subject = $1 AND kind IN ('tx.signed', 'tx.records') ORDER BY idx",
      [txs[0]!.txid],
    );
    const data = entries.map((e) => ({ kind: e.kind, ...(JSON.parse(e.entry.toString('utf8')) as { data: { records: string[]; recordCount?: number; part?: number } }).data }));
    expect(data.map((d) => [d.kind, d.records.length, d.recordCount ?? d.part])).toEqual([
      ['tx.signed', 500, 1_000],
      ['tx.records', 500, 2],
    ]);
    expect(new Set(data.flatMap((d) => d.records))).toEqual(new Set(ids));
    expect(await verifyLog(node.store.pool, node.logSigner)).toMatchObject({ intact: true });
  });
});
