import { Transaction } from '@bsv/sdk';
import { DataItem, unbundleData } from 'arbundles';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../kit/run-cli.ts';
import { verifyLog } from '../../core/audit/index.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { PublicationStatus, PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { decodeRaw } from '../../adapters/arweave/raw-transaction.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { writeFile } from 'node:fs/promises';
import { verifyProof } from '../../sdk/verify/verify-proof.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv,arweave',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_LOG_ANCHOR_INTERVAL_SECONDS: '1',
    // No funding splits: a split is an entry of its own (funding.split) that would grow the log
    // while the test checks that nothing but anchoring's own events is left to anchor.
    PUBLISHER_BSV_POOL_MIN_UTXOS: '0',
    PUBLISHER_BSV_DEVNET_BLOCK_MS: '300',
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
    PUBLISHER_ARWEAVE_DEVNET_MINE_MS: '300',
    PUBLISHER_ARWEAVE_BATCH_WINDOW_MS: '100',
  });
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

interface AnchorRow {
  chain: string;
  tree_size: string;
  status: string;
  locator: string;
  txid: string;
  raw_tx: Buffer;
  note: string;
  root_hash: Buffer;
}

async function anchors(): Promise<AnchorRow[]> {
  const { rows } = await node.store.pool.query<AnchorRow>(
    `SELECT a.chain, a.tree_size, a.status, a.locator, t.txid, t.raw_tx, c.note, c.root_hash
       FROM log_anchors a JOIN log_checkpoints c ON c.size = a.tree_size LEFT JOIN chain_txs t ON t.id = a.chain_tx_id ORDER BY a.chain, a.tree_size`,
  );
  return rows;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('log checkpoints anchored on BSV and Arweave (transparency-log.md §5)', () => {
  it('anchors a checkpoint covering the records on both chains, in the formats of §5, once, and confirms it', async () => {
    const client = createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));
    const creator = newCreator();
    const res = await client.publishBatch({ intentJsons: Array.from({ length: 5 }, () => creator.intent({ targets: ['bsv', 'arweave'] })) });
    const indices = res.results.map((r) => (r.result.case === 'accepted' ? readReceipt(r.result.value.receipt, node.logSigner.verifierKey).index : -1));
    expect(indices).not.toContain(-1);
    const last = Math.max(...indices);

    const confirmed = await until('confirmed anchors on both chains covering the records', async () => {
      const rows = (await anchors()).filter((a) => a.status === 'confirmed' && Number(a.tree_size) > last);
      return new Set(rows.map((r) => r.chain)).size === 2 ? rows : undefined;
    });

    const bsv = confirmed.find((a) => a.chain === 'bsv')!;
    const tx = Transaction.fromBinary([...bsv.raw_tx]);
    expect(tx.id('hex')).toBe(bsv.txid);
    const output = tx.outputs[Number(bsv.locator)]!;
    expect(output.satoshis).toBe(0);
    // OP_FALSE OP_RETURN, then the pushes "chainpub", 0x02 and the note's bytes, each the shortest push (PUSHDATA1 under 256 bytes).
    const note = Buffer.from(bsv.note, 'utf8');
    const push = (data: Buffer) => Buffer.concat([data.length < 0x4c ? Buffer.of(data.length) : data.length < 0x100 ? Buffer.of(0x4c, data.length) : Buffer.of(0x4d, data.length & 0xff, data.length >> 8), data]);
    expect(Buffer.from(output.lockingScript.toBinary()).toString('hex')).toBe(Buffer.concat([Buffer.of(0x00, 0x6a), push(Buffer.from('chainpub')), push(Buffer.of(2)), push(note)]).toString('hex'));
    expect(tx.outputs.filter((o) => o.satoshis === 0)).toHaveLength(1);

    const arweave = confirmed.find((a) => a.chain === 'arweave')!;
    const stored = decodeRaw(arweave.raw_tx);
    expect(stored.header.id).toBe(arweave.txid);
    const items = unbundleData(Buffer.from(stored.data)).items;
    expect(items).toHaveLength(1);
    const item = items[0] as DataItem;
    expect(item.id).toBe(arweave.locator);
    expect(await item.isValid()).toBe(true);
    expect(item.signatureType).toBe(2);
    expect(Buffer.from(item.rawOwner).equals(Buffer.from(node.logSigner.key.publicKey))).toBe(true);
    expect(Buffer.from(item.rawData).toString('utf8')).toBe(arweave.note);
    expect(Object.fromEntries(item.tags.map((t) => [t.name, t.value]))).toMatchObject({
      'App-Name': 'chain-publisher',
      'Content-Type': 'text/plain; charset=utf-8',
      Type: 'checkpoint',
      'Log-Origin': node.logSigner.origin,
      'Tree-Size': arweave.tree_size,
      'Root-Hash': arweave.root_hash.toString('base64'),
    });
    expect(item.tags.find((t) => t.name === 'App-Version')?.value).toMatch(/^\d+\.\d+\.\d+/);

    // Once everything is confirmed and nothing new is published, the log stops being anchored:
    // anchoring's own transaction events do not count as growth.
    await until('every publication confirmed', async () => {
      const { rows } = await node.store.pool.query<{ open: number }>("SELECT count(*)::int AS open FROM publications WHERE status <> 'confirmed'");
      const pending = await node.store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM log_anchors WHERE status <> 'confirmed'");
      return rows[0]!.open === 0 && pending.rows[0]!.n === 0 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const settled = await anchors();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await anchors()).length).toBe(settled.length);

    const all = await anchors();
    // LogService lists them, newest first, with each chain's anchor and its status.
    const logClient = createClient(LogService, createGrpcTransport({ baseUrl: node.url }));
    const listed = await logClient.listAnchoredCheckpoints({});
    expect(listed.checkpoints.map((c) => Number(c.treeSize))).toEqual([...new Set(settled.map((a) => Number(a.tree_size)))].sort((a, b) => b - a));
    const covering = listed.checkpoints.find((c) => Number(c.treeSize) === Number(bsv.tree_size))!;
    expect(covering.checkpoint).toBe(bsv.note);
    expect(covering.anchors.find((a) => a.chain === 'bsv')).toMatchObject({ status: PublicationStatus.CONFIRMED, txid: bsv.txid, locator: bsv.locator });
    expect(JSON.parse(covering.anchors.find((a) => a.chain === 'bsv')!.anchorJson)).toMatchObject({ chain: 'bsv', txid: bsv.txid, vout: Number(bsv.locator) });
    const firstPage = await logClient.listAnchoredCheckpoints({ pageSize: 1 });
    expect(firstPage.checkpoints).toHaveLength(1);
    if (listed.checkpoints.length > 1) {
      expect(firstPage.nextBeforeSize).toBe(listed.checkpoints[0]!.treeSize);
      const next = await logClient.listAnchoredCheckpoints({ pageSize: 1, beforeSize: firstPage.nextBeforeSize });
      expect(next.checkpoints[0]!.treeSize).toBe(listed.checkpoints[1]!.treeSize);
    }
    await expect(logClient.listAnchoredCheckpoints({ pageSize: 101 })).rejects.toThrow(/page_size/);

    // The CLI lists the same, newest first.
    const dir = await mkdtemp(join(tmpdir(), 'publisher-anchors-'));
    try {
      const run = await runCli(['log', 'anchors', '--json', '--limit', '1000'], { cwd: dir, env: { PUBLISHER_URL: node.url } });
      expect(run.code, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout) as { treeSize: number; anchors: { chain: string; status: string; txid: string }[] }[];
      expect(printed.map((c) => c.treeSize)).toEqual(listed.checkpoints.map((c) => Number(c.treeSize)));
      expect(printed.find((c) => c.treeSize === Number(bsv.tree_size))!.anchors.find((a) => a.chain === 'bsv')).toMatchObject({ status: 'confirmed', txid: bsv.txid });
      const text = await runCli(['log', 'anchors', '--limit', '1'], { cwd: dir, env: { PUBLISHER_URL: node.url } });
      expect(text.stdout).toMatch(new RegExp(`^size ${listed.checkpoints[0]!.treeSize}  root `));
      expect((await runCli(['log', 'anchors', '--limit', '0'], { cwd: dir, env: { PUBLISHER_URL: node.url } })).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // The proof bundle carries the log section (transparency-log.md §6): the first anchored
    // checkpoint covering the record, the consistency proof from its receipt's checkpoint, and the anchors.
    const first = res.results[0]!.result;
    const recordId = first.case === 'accepted' ? first.value.recordId : '';
    const proof = JSON.parse((await client.getProof({ recordId })).proofJson) as {
      receipt: string;
      log: { verifierKey: string; anchoredCheckpoint: string; consistency: string[]; checkpointAnchors: { chain: string }[] };
    };
    const receipt = readReceipt(proof.receipt, node.logSigner.verifierKey);
    const firstCovering = Math.min(...all.filter((a) => a.status === 'confirmed' && Number(a.tree_size) > receipt.index).map((a) => Number(a.tree_size)));
    expect(proof.log.verifierKey).toBe(node.logSigner.verifierKey);
    expect(proof.log.anchoredCheckpoint).toBe(all.find((a) => Number(a.tree_size) === firstCovering)!.note);
    expect(proof.log.checkpointAnchors.map((a) => a.chain).sort()).toEqual(all.filter((a) => a.status === 'confirmed' && Number(a.tree_size) === firstCovering).map((a) => a.chain).sort());
    // Chains follow each other's checkpoints, so the ones anchored are mostly anchored on both.
    const sizesOf = (chain: string) => new Set(all.filter((a) => a.chain === chain).map((a) => a.tree_size));
    expect([...sizesOf('bsv')].filter((size) => sizesOf('arweave').has(size)).length).toBeGreaterThan(0);
    const consistency = await logClient.getConsistencyProof({ oldSize: BigInt(receipt.size), newSize: BigInt(firstCovering) });
    expect(proof.log.consistency).toEqual(consistency.proof.map((h) => Buffer.from(h).toString('base64')));

    // The SDK and the CLI check all of it offline, with the operator's key given.
    const proofJson = (await client.getProof({ recordId })).proofJson;
    const report = await verifyProof(proofJson, { logKey: node.logSigner.verifierKey });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.log).toMatchObject({ anchored: true, keyFromBundle: false, checkpoint: { origin: node.logSigner.origin }, anchorChains: proof.log.checkpointAnchors.map((a) => a.chain) });
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['log.checkpoint-signature', 'log.consistency', 'log.anchors']));
    for (const [i, a] of proof.log.checkpointAnchors.entries()) {
      expect(report.checks.filter((c) => c.checkpointAnchor === i && c.name.startsWith(`${a.chain}.`)).length, a.chain).toBeGreaterThan(0);
    }
    const cliDir = await mkdtemp(join(tmpdir(), 'publisher-anchored-proof-'));
    try {
      await writeFile(join(cliDir, 'proof.json'), proofJson);
      const trusted = await runCli(['verify', 'proof.json', '--log-key', node.logSigner.verifierKey], { cwd: cliDir });
      expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0);
      expect(trusted.stdout + trusted.stderr).toMatch(/anchored checkpoint of tree size \d+, anchored on/);
      expect(trusted.stdout + trusted.stderr).not.toMatch(/taken from the bundle itself/);
      const selfVouched = await runCli(['verify', 'proof.json'], { cwd: cliDir });
      expect(selfVouched.stdout + selfVouched.stderr).toMatch(/operator key taken from the bundle itself/);
      // A note byte changed in the bundle's anchored checkpoint: the signature and every chain's anchor fail.
      const forged = JSON.parse(proofJson) as { log: { anchoredCheckpoint: string } };
      forged.log.anchoredCheckpoint = forged.log.anchoredCheckpoint.replace(/\n(\d+)\n/, (_m, n: string) => `\n${Number(n) + 1}\n`);
      const bad = await verifyProof(JSON.stringify(forged), { logKey: node.logSigner.verifierKey });
      expect(bad.ok).toBe(false);
      expect(bad.checks.find((c) => c.name === 'log.checkpoint-signature')?.ok).toBe(false);
    } finally {
      await rm(cliDir, { recursive: true, force: true });
    }

    // /metrics gives each chain's largest confirmed checkpoint (the PublisherLogAnchorStalled alert reads it).
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    for (const chain of ['bsv', 'arweave']) {
      const largest = Math.max(...all.filter((a) => a.chain === chain && a.status === 'confirmed').map((a) => Number(a.tree_size)));
      expect(metrics).toContain(`publisher_log_anchored_size{chain="${chain}"} ${largest}`);
    }

    // One anchor per chain and checkpoint, each in its own transaction, never two of one checkpoint.
    expect(new Set(all.map((a) => `${a.chain}:${a.tree_size}`)).size).toBe(all.length);
    expect(new Set(all.map((a) => a.txid)).size).toBe(all.length);
    expect(await verifyLog(node.store.pool, node.logSigner)).toMatchObject({ intact: true });
  });
});
