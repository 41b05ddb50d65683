import { createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../core/audit/index.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { PublicationStatus, PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { verifyProof } from '../../sdk/verify/verify-proof.ts';
import { loadDevnetEndpoints } from '../../server/chains/devnet-endpoints.ts';
import { bsvRecordCensus } from '../support/bsv-census.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_DEVNET_BLOCK_MS: '300',
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
  });
}, 120_000);
afterAll(async () => {
  await node?.stop();
});

const publisher = () => createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the publication pipeline on the local BSV chain', () => {
  it('publishes every accepted intent exactly once, confirms it, and hands out a proof that verifies offline', async () => {
    const creator = newCreator();
    const texts = Array.from({ length: 300 }, (_, i) => creator.intent({ targets: ['bsv'], record: { n: i } }));
    const ids: string[] = [];
    for (let i = 0; i < texts.length; i += 100) {
      const res = await publisher().publishBatch({ intentJsons: texts.slice(i, i + 100) });
      for (const r of res.results) {
        if (r.result.case !== 'accepted') throw new Error(`refused: ${r.result.value?.reason}`);
        ids.push(r.result.value.recordId);
      }
    }

    // The live stream, over each protocol, from the start until the publication is final.
    const transports = [
      createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }),
      createGrpcTransport({ baseUrl: node.url }),
      createGrpcWebTransport({ baseUrl: node.url, httpVersion: '2' }),
    ];
    const watched = await Promise.all(
      transports.map(async (transport) => {
        const seen: PublicationStatus[] = [];
        for await (const update of createClient(PublishService, transport).watchRecord({ recordId: ids[0]! })) {
          const status = update.record!.publications[0]!.status;
          if (seen[seen.length - 1] !== status) seen.push(status);
        }
        return seen;
      }),
    );
    for (const seen of watched) {
      expect(seen[seen.length - 1]).toBe(PublicationStatus.CONFIRMED);
      expect(seen).not.toContain(PublicationStatus.FAILED);
    }

    await until(async () => {
      const { rows } = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE status = 'confirmed'");
      return rows[0]!.n === ids.length;
    });

    const proof = await publisher().getProof({ recordId: ids[123]! });
    expect(proof.complete).toBe(true);
    const report = await verifyProof(proof.proofJson);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);

    const endpoints = await loadDevnetEndpoints(node.config.dataDir, 'bsv');
    const census = await bsvRecordCensus(endpoints['wocUrl']!);
    expect(ids.every((id) => census.get(id) === 1)).toBe(true);
    expect([...census.values()].every((n) => n === 1)).toBe(true);

    // No reservation outlives its work: the worker may still be splitting the funding pool (its own
    // transaction holds a reservation until it is broadcast), so wait for quiet; a leaked
    // reservation never goes away and fails here.
    await until(async () => {
      const { rows: reserved } = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM funding_utxos WHERE chain = 'bsv' AND status = 'reserved'");
      return reserved[0]!.n === 0;
    });
    expect(await verifyLog(node.store.pool, node.logSigner)).toMatchObject({ intact: true });

    const { balances } = await createClient(FundingService, createGrpcTransport({ baseUrl: node.url })).getBalances({}, { headers: { authorization: `Bearer ${node.adminToken}` } });
    expect(balances[0]).toMatchObject({ chain: 'bsv', unit: 'satoshi', reserved: '0' });
    expect(BigInt(balances[0]!.available)).toBeGreaterThan(0n);
  });
});
