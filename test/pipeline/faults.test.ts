import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import Arweave from 'arweave';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArweaveDevnet, type ArweaveDevnet } from '../../devnet/arweave/index.ts';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import type { FaultSwitches } from '../../devnet/fault-switches.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { arweaveRecordCensus } from '../support/arweave-census.ts';
import { bsvRecordCensus } from '../support/bsv-census.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/**
 * The devnets' fault switches against the whole node, on each chain: every fault must end
 * confirmed, each record on chain once, counted by reading the chain as an outsider would.
 */
interface ChainUnderTest {
  name: 'bsv' | 'arweave';
  /** The devnet's switches (both devnets share them), read once the devnet runs. */
  switches(): Pick<FaultSwitches, 'status5xx' | 'delay' | 'drop'>;
  reorg(depth: number, drop: string[]): Promise<unknown>;
  mine(): Promise<unknown>;
  census(): Promise<Map<string, number>>;
}

let bsv: BsvDevnet;
let arweave: ArweaveDevnet;
let node: TestNode;
let dir: string;
let mining: NodeJS.Timeout | undefined;
const log = pino({ level: 'silent' });
const fundingKey = PrivateKey.fromRandom();
const chains: Record<ChainUnderTest['name'], ChainUnderTest> = {
  bsv: {
    name: 'bsv',
    switches: () => bsv.faults,
    reorg: async (depth, drop) => bsv.faults.reorg(depth, { drop }),
    mine: async () => bsv.mine(1),
    census: () => bsvRecordCensus(bsv.wocUrl),
  },
  arweave: {
    name: 'arweave',
    switches: () => arweave.faults,
    reorg: (depth, drop) => arweave.faults.reorg(depth, { drop }),
    mine: () => arweave.mine(1),
    census: () => arweaveRecordCensus(arweave.url),
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-faults-'));
  const wallet = await Arweave.init({}).wallets.generate();
  const walletAddress = await Arweave.init({}).wallets.jwkToAddress(wallet);
  [bsv, arweave] = await Promise.all([
    startBsvDevnet({ dir: join(dir, 'bsv'), log, fund: [{ address: fundingKey.toAddress([0x6f]), satoshis: 10_000_000, outputs: 10 }] }),
    startArweaveDevnet({ dir: join(dir, 'arweave'), log, fund: [{ address: walletAddress, winston: 10n ** 15n }] }),
  ]);
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv,arweave',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_ARC_URL: bsv.arcUrl,
    PUBLISHER_BSV_WOC_URL: bsv.wocUrl,
    PUBLISHER_BSV_NETWORK: 'regtest',
    PUBLISHER_BSV_FUNDING_KEY: fundingKey.toHex(),
    PUBLISHER_ARWEAVE_GATEWAY: arweave.url,
    PUBLISHER_ARWEAVE_NETWORK: 'devnet',
    PUBLISHER_ARWEAVE_WALLET: JSON.stringify(wallet),
    ...Object.fromEntries(
      (['BSV', 'ARWEAVE'] as const).flatMap((chain) => [
        [`PUBLISHER_${chain}_CONFIRMATION_DEPTH`, '2'],
        [`PUBLISHER_${chain}_BATCH_WINDOW_MS`, '50'],
        // Posting a bundle to arlocal takes a few hundred milliseconds; a BSV broadcast, a few.
        [`PUBLISHER_${chain}_TIMEOUT_MS`, chain === 'BSV' ? '500' : '2000'],
        [`PUBLISHER_${chain}_RETRY_BASE_MS`, '100'],
        [`PUBLISHER_${chain}_RETRY_MAX_MS`, '500'],
        [`PUBLISHER_${chain}_DROP_AFTER_MS`, '1500'],
      ]),
    ),
  });
}, 120_000);
afterAll(async () => {
  clearInterval(mining);
  await node?.stop();
  await Promise.all([bsv?.stop(), arweave?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const startMining = (chain: ChainUnderTest, everyMs: number) => {
  clearInterval(mining);
  mining = setInterval(() => void chain.mine().catch(() => undefined), everyMs);
};

async function publish(chain: ChainUnderTest, count: number): Promise<string[]> {
  const creator = newCreator();
  const res = await createClient(PublishService, createGrpcTransport({ baseUrl: node.url })).publishBatch({
    intentJsons: Array.from({ length: count }, () => creator.intent({ targets: [chain.name] })),
  });
  return res.results.map((r) => (r.result.case === 'accepted' ? r.result.value.recordId : 'refused'));
}

async function allConfirmed(ids: string[], timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM publications WHERE record_id = ANY($1) AND status = 'confirmed'", [ids]);
    if (rows[0]!.n === ids.length) return;
    if (Date.now() > deadline) throw new Error(`${ids.length - rows[0]!.n} of ${ids.length} not confirmed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function onChainOnce(chain: ChainUnderTest, ids: string[]): Promise<void> {
  const census = await chain.census();
  expect(ids.filter((id) => census.get(id) !== 1)).toEqual([]);
}

async function auditKinds(txid: string): Promise<string[]> {
  const { rows } = await node.store.pool.query<{ kind: string }>('SELECT kind FROM log_entries WHERE subject = $1 ORDER BY idx', [txid]);
  return rows.map((r) => r.kind);
}

async function broadcastTxid(recordId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await node.store.pool.query<{ txid: string }>(
      "SELECT t.txid FROM chain_txs t JOIN publications p ON p.chain_tx_id = t.id WHERE p.record_id = $1 AND t.status = 'broadcast'",
      [recordId],
    );
    if (rows[0]) return rows[0].txid;
    if (Date.now() > deadline) throw new Error('the batch was never broadcast');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each([chains.bsv, chains.arweave])('faults of the broadcaster and the chain: $name', (chain) => {
  it('5xx answers: retried with the same bytes until accepted', async () => {
    startMining(chain, 200);
    chain.switches().status5xx(3);
    const ids = await publish(chain, 50);
    await allConfirmed(ids);
    await onChainOnce(chain, ids);
  });

  it('a broadcast that outlives our timeout (the chain got it anyway): resent, already known, confirmed once', async () => {
    chain.switches().delay(chain.name === 'bsv' ? 2_000 : 5_000, 2);
    const ids = await publish(chain, 50);
    await allConfirmed(ids);
    await onChainOnce(chain, ids);
  });

  it('a transaction the network accepted and then dropped: found missing, rebroadcast with the same bytes, confirmed once', async () => {
    chain.switches().drop(1);
    const ids = await publish(chain, 50);
    const txid = await broadcastTxid(ids[0]!);
    await allConfirmed(ids);
    await onChainOnce(chain, ids);
    expect(await auditKinds(txid)).toContain('tx.rebroadcast');
  });

  it('a reorg past a mined batch (and one that drops it from the network): back to broadcast, mined again, confirmed once', async () => {
    clearInterval(mining);
    const ids = await publish(chain, 50);
    const txid = await broadcastTxid(ids[0]!);
    await chain.mine(); // one confirmation: mined, not yet at depth 2
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await chain.reorg(1, [txid]); // gone from the chain and from the mempool
    startMining(chain, 200);
    await allConfirmed(ids);
    await onChainOnce(chain, ids);
    expect(await auditKinds(txid)).toContain('tx.reorged');
  });
});
