import { beforeAll, describe, expect, it } from 'vitest';
import { importKey, verifyProof, type ProofBundle } from '../../sdk/index.ts';
import { checkLabel, logView, receiptCheckpointText } from '../../web/log-view.ts';
import { FIXTURE_LOG_SEED, ed25519Signer } from '../sdk/support/arweave-anchor.ts';
import { anchoredProof, type AnchoredProof } from '../sdk/support/checkpoint-anchor.ts';
import { fixtureLog, proofFixture } from '../sdk/support/proof-fixture.ts';

let anchored: AnchoredProof;
beforeAll(async () => {
  const signer = ed25519Signer(FIXTURE_LOG_SEED);
  anchored = await anchoredProof(await proofFixture(await importKey({ scheme: 'secp256k1', secretKeyHex: '55'.repeat(32) }), [signer]), signer, 3, 5, 11);
}, 120_000);

const logKey = fixtureLog.verifierKey;
const origin = fixtureLog.origin;
const view = async (proof: ProofBundle, options: { logKey?: string } = { logKey }) => logView(proof, await verifyProof(proof, options));

describe("the web page's view of the operator's log", () => {
  it('shows the receipt verified against its checkpoint and, once anchored, where the checkpoint sits on each chain', async () => {
    const shown = await view(anchored.proof);
    expect(shown.receipt).toEqual({ ok: true, text: expect.stringMatching(new RegExp(`^✓ Receipt verified against checkpoint ${origin.replace(/[./]/g, '\\$&')}, tree size 5, root [A-Za-z0-9+/]{43}=$`)) });
    expect(shown.anchored).toEqual({ ok: true, text: "✓ Anchored checkpoint: tree size 11, signed with the log key and consistent with the receipt's" });
    const [bsv, arweave] = anchored.anchors as unknown as [{ txid: string; blockHeight: number }, { id: string; bundleId: string; blockHeight: number }];
    expect(shown.anchors).toEqual([
      { chain: 'bsv', ok: true, where: `tx ${bsv.txid}`, block: `block ${bsv.blockHeight} · 6 confirmations` },
      { chain: 'arweave', ok: true, where: `item ${arweave.id} in bundle ${arweave.bundleId}`, block: `block ${arweave.blockHeight} · 20 confirmations` },
    ]);
  });

  it('says the log is not yet anchored when the proof has no anchored checkpoint', async () => {
    const shown = await view({ ...anchored.proof, log: { verifierKey: logKey } });
    expect(shown.receipt.ok).toBe(true);
    expect(shown.anchored.text).toBe('The log is not yet anchored: no checkpoint covering this record is confirmed on a chain yet.');
    expect(shown.anchors).toEqual([]);
  });

  it('marks a checkpoint anchor that does not verify, and a broken consistency proof', async () => {
    const [bsvAnchor, arweaveAnchor] = anchored.anchors;
    const shown = await view({ ...anchored.proof, log: { ...anchored.proof.log, consistency: [], checkpointAnchors: [{ ...bsvAnchor!, vout: 0 }, arweaveAnchor!] } });
    expect(shown.anchored).toEqual({ ok: false, text: '✗ The anchored checkpoint does not verify: log.consistency' });
    expect(shown.anchors.map((row) => [row.chain, row.ok])).toEqual([
      ['bsv', false],
      ['arweave', true],
    ]);
  });

  it('says when the log key was taken from the proof itself', async () => {
    expect((await view(anchored.proof, {})).receipt.text).toMatch(/\(the log key was taken from the proof itself\)$/);
  });

  it('labels checks by the anchor they are about, and reads the receipt\'s checkpoint for the status section', () => {
    expect(checkLabel({ name: 'bsv.output', ok: true, detail: '', checkpointAnchor: 1 })).toBe('bsv.output (checkpoint anchor 1)');
    expect(checkLabel({ name: 'bsv.output', ok: true, detail: '', anchor: 0 })).toBe('bsv.output (anchor 0)');
    expect(checkLabel({ name: 'log.consistency', ok: true, detail: '' })).toBe('log.consistency');
    expect(receiptCheckpointText(anchored.proof.receipt)).toBe(`${origin}, tree size 5`);
    expect(receiptCheckpointText('not a receipt')).toBeUndefined();
  });
});
