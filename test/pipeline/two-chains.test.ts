import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../core/audit/index.ts';
import { arweaveRsaPssScheme } from '../../core/schemes/index.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { verifyProof } from '../../sdk/verify/verify-proof.ts';
import { legacyHeader } from '../sdk/support/legacy-header.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({
    PUBLISHER_CHAINS: 'bsv,arweave',
    PUBLISHER_OPEN_REGISTRATION: 'true',
    PUBLISHER_BSV_DEVNET_BLOCK_MS: '300',
    PUBLISHER_BSV_BATCH_WINDOW_MS: '100',
    PUBLISHER_ARWEAVE_DEVNET_MINE_MS: '300',
    PUBLISHER_ARWEAVE_BATCH_WINDOW_MS: '100',
    PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH: '3',
  });
}, 180_000);
afterAll(async () => {
  await node?.stop();
});

describe('one node publishing to BSV and Arweave (bundle mode) on the local chains', () => {
  it('confirms every intent on every target it asked for, with a proof holding one verified anchor per chain', async () => {
    const client = createClient(PublishService, createGrpcTransport({ baseUrl: node.url }));
    const secp = newCreator();
    const rsa = newCreator(arweaveRsaPssScheme);
    const texts = [
      ...Array.from({ length: 40 }, () => secp.intent({ targets: ['bsv', 'arweave'] })),
      ...Array.from({ length: 5 }, () => rsa.intent({ targets: ['arweave', 'bsv'] })),
      ...Array.from({ length: 5 }, () => secp.intent({ targets: ['arweave'] })),
    ];
    const res = await client.publishBatch({ intentJsons: texts });
    const ids = res.results.map((r) => (r.result.case === 'accepted' ? r.result.value.recordId : 'refused'));
    expect(ids).not.toContain('refused');

    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await node.store.pool.query<{ open: number; failed: number }>(
        "SELECT count(*) FILTER (WHERE status <> 'confirmed')::int AS open, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM publications",
      );
      expect(rows[0]!.failed).toBe(0);
      if (rows[0]!.open === 0) break;
      if (Date.now() > deadline) throw new Error(`${rows[0]!.open} publications not confirmed`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    for (const id of [ids[0]!, ids[42]!, ids[47]!]) {
      const proof = await client.getProof({ recordId: id });
      expect(proof.complete).toBe(true);
      const report = await verifyProof(proof.proofJson);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.ok).toBe(true);
    }
    const bundle = JSON.parse((await client.getProof({ recordId: ids[0]! })).proofJson) as { anchors: { chain: string; blockHash?: string; blockHeader?: string }[] };
    expect(bundle.anchors.map((a) => a.chain).sort()).toEqual(['arweave', 'bsv']);
    // The BSV anchor carries its block's header, which bsv@1.5.6 reads as that block, with its work done.
    const bsvAnchor = bundle.anchors.find((a) => a.chain === 'bsv')!;
    expect(legacyHeader(bsvAnchor.blockHeader!)).toMatchObject({ hash: bsvAnchor.blockHash, validProofOfWork: true });
    const report = await verifyProof(JSON.stringify(bundle));
    expect(report.checks.filter((c) => c.name === 'bsv.header' || c.name === 'bsv.merkle-root' || c.name === 'bsv.proof-of-work').map((c) => [c.name, c.ok])).toEqual([
      ['bsv.header', true],
      ['bsv.merkle-root', true],
      ['bsv.proof-of-work', true],
    ]);
    expect(report.onlineOnly.map((claim) => claim.chain).sort()).toEqual(['arweave', 'bsv']);
    // The node's Arweave items are signed with its log key (ANS-104 type 2), named by the anchor.
    const arweaveAnchor = bundle.anchors.find((a) => a.chain === 'arweave') as unknown as { item: string; itemSigner: string; itemKey: string };
    expect(arweaveAnchor).toMatchObject({ itemSigner: 'ed25519', itemKey: node.logSigner.verifierKey });
    const item = Buffer.from(arweaveAnchor.item, 'base64url');
    expect([item.readUInt16LE(0), item.subarray(66, 98).equals(Buffer.from(node.logSigner.key.publicKey))]).toEqual([2, true]);
    const info = await createClient(NodeService, createGrpcTransport({ baseUrl: node.url })).getInfo({});
    expect(Object.fromEntries(info.chains.map((c) => [c.name, c.attributes]))).toEqual({ bsv: {}, arweave: { item_signer: 'ed25519', item_key: info.logVerifierKey } });
    const trusted = await verifyProof(JSON.stringify(bundle), { logKey: node.logSigner.verifierKey });
    expect(trusted.checks.find((c) => c.name === 'arweave.item-key')).toMatchObject({ ok: true, detail: expect.not.stringContaining('bundle itself') });

    const { balances } = await createClient(FundingService, createGrpcTransport({ baseUrl: node.url })).getBalances({}, { headers: { authorization: `Bearer ${node.adminToken}` } });
    expect(balances.map((b) => [b.chain, b.unit, b.reserved])).toEqual([
      ['bsv', 'satoshi', '0'],
      ['arweave', 'winston', '0'],
    ]);
    expect(await verifyLog(node.store.pool, node.logSigner)).toMatchObject({ intact: true });
  });
});
