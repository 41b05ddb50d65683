import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../kit/run-cli.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { verifyProof, type ProofBundle } from '../../sdk/index.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv,arweave',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_LOG_ANCHOR_INTERVAL_SECONDS: '1',
    PUBLISHER_BSV_DEVNET_BLOCK_MS: '300',
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
    PUBLISHER_ARWEAVE_DEVNET_MINE_MS: '300',
    PUBLISHER_ARWEAVE_BATCH_WINDOW_MS: '100',
  });
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 150_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("a node's proof bundle whose log is anchored, checked offline by the SDK and the CLI", () => {
  it('verifies the anchored checkpoint, its consistency with the receipt and its anchors on both chains', async () => {
    const client = createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));
    const accepted = await client.publish({ intentJson: newCreator().intent({ targets: ['bsv', 'arweave'] }) });
    const recordId = accepted.recordId;
    const proofJson = await until('a complete proof whose log is anchored on both chains', async () => {
      const { proofJson: json, complete } = await client.getProof({ recordId });
      const anchors = (JSON.parse(json) as ProofBundle).log?.checkpointAnchors ?? [];
      return complete && new Set(anchors.map((anchor) => anchor.chain)).size === 2 ? json : undefined;
    });
    const logKey = node.logSigner.verifierKey;
    const report = await verifyProof(proofJson, { logKey });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.log).toMatchObject({ anchored: true, keyFromBundle: false, checkpoint: { origin: node.logSigner.origin }, anchorChains: expect.arrayContaining(['bsv', 'arweave']) });
    for (const name of ['log.checkpoint-signature', 'log.checkpoint', 'log.consistency', 'log.anchors', 'bsv.output', 'bsv.merkle-root', 'arweave.item-key', 'arweave.tags', 'arweave.tx']) {
      expect(report.checks.some((check) => check.name === name && (check.checkpointAnchor !== undefined || name.startsWith('log.')))).toBe(true);
    }

    const dir = await mkdtemp(join(tmpdir(), 'publisher-node-log-proof-'));
    try {
      await writeFile(join(dir, 'proof.json'), proofJson);
      const run = await runCli(['verify', 'proof.json', '--log-key', logKey], { cwd: dir });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/^log: the receipt's checkpoint \(.+, tree size \d+\) extends to the anchored checkpoint of tree size \d+, anchored on /m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
