import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { bsvRecordCensus } from '../support/bsv-census.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/** The devnet's fault switches against the whole node: every fault must end confirmed, once. */
let devnet: BsvDevnet;
let node: TestNode;
let dir: string;
let mining: NodeJS.Timeout;
const fundingKey = PrivateKey.fromRandom();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-faults-'));
  devnet = await startBsvDevnet({ dir, log: pino({ level: 'silent' }), fund: [{ address: fundingKey.toAddress([0x6f]), satoshis: 10_000_000, outputs: 10 }] });
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_ARC_URL: devnet.arcUrl,
    PUBLISHER_BSV_WOC_URL: devnet.wocUrl,
    PUBLISHER_BSV_NETWORK: 'regtest',
    PUBLISHER_BSV_FUNDING_KEY: fundingKey.toHex(),
    PUBLISHER_BSV_CONFIRMATION_DEPTH: '2',
    PUBLISHER_BSV_BATCH_WINDOW_MS: '50',
    PUBLISHER_BSV_TIMEOUT_MS: '500',
    PUBLISHER_BSV_RETRY_BASE_MS: '100',
    PUBLISHER_BSV_RETRY_MAX_MS: '500',
    PUBLISHER_BSV_DROP_AFTER_MS: '1500',
  });
}, 60_000);
afterAll(async () => {
  clearInterval(mining);
  await node?.stop();
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

const startMining = (everyMs: number) => {
  clearInterval(mining);
  mining = setInterval(() => devnet.mine(1), everyMs);
};

async function publish(count: number): Promise<string[]> {
  const creator = newCreator();
  const res = await createClient(PublishService, createGrpcTransport({ baseUrl: node.url })).publishBatch({
    intentJsons: Array.from({ length: count }, () => creator.intent({ targets: ['bsv'] })),
  });
  return res.results.map((r) => (r.result.case === 'accepted' ? r.result.value.recordId : 'refused'));
}

async function allConfirmed(ids: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE record_id = ANY($1) AND status = 'confirmed'", [ids]);
    if (rows[0]!.n === ids.length) return;
    if (Date.now() > deadline) throw new Error(`${ids.length - rows[0]!.n} of ${ids.length} not confirmed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function onChainOnce(ids: string[]): Promise<void> {
  const census = await bsvRecordCensus(devnet.wocUrl);
  expect(ids.filter((id) => census.get(id) !== 1)).toEqual([]);
}

describe('faults of the broadcaster and the chain', () => {
  it('5xx answers: retried with the same bytes until accepted', async () => {
    startMining(200);
    devnet.faults.status5xx(3);
    const ids = await publish(50);
    await allConfirmed(ids);
    await onChainOnce(ids);
  });

  it('a broadcast that outlives our timeout (the chain got it anyway): resent, already known, confirmed once', async () => {
    devnet.faults.delay(2_000, 2);
    const ids = await publish(50);
    await allConfirmed(ids);
    await onChainOnce(ids);
  });

  it('a transaction the network accepted and then dropped: found missing, rebroadcast with the same bytes, confirmed once', async () => {
    devnet.faults.drop(1);
    const ids = await publish(50);
    await allConfirmed(ids);
    await onChainOnce(ids);
    const { rows } = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE kind = 'tx.rebroadcast'");
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('a reorg past a mined batch (and one that drops it from the network): back to broadcast, mined again, confirmed once', async () => {
    clearInterval(mining);
    const ids = await publish(50);
    const deadline = Date.now() + 20_000;
    let txid = '';
    while (!txid) {
      if (Date.now() > deadline) throw new Error('the batch was never broadcast');
      const { rows } = await node.store.pool.query<{ txid: string }>(
        "SELECT t.txid FROM chain_txs t JOIN publications p ON p.chain_tx_id = t.id WHERE p.record_id = $1 AND t.status = 'broadcast'",
        [ids[0]],
      );
      txid = rows[0]?.txid ?? '';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    devnet.mine(1); // one confirmation: mined, not yet at depth 2
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    devnet.faults.reorg(1, { drop: [txid] }); // gone from the chain and from the mempool
    startMining(200);
    await allConfirmed(ids);
    await onChainOnce(ids);
    const { rows } = await node.store.pool.query<{ kind: string }>("SELECT kind FROM audit_events WHERE subject = $1 AND kind IN ('tx.reorged', 'tx.rebroadcast')", [txid]);
    expect(rows.map((r) => r.kind)).toContain('tx.reorged');
  });
});
