import { beforeAll, describe, expect, it } from 'vitest';
import { builtInVerifiers, failure, generateKey, recordIdOf, verifyProof, type AnchorContext, type AnchorVerifier, type ProofBundle, type ProofReport } from '../../sdk/index.ts';
import { toyVerifier } from '../cli/support/toy-plugin/index.ts';
import { operatorSigners } from './support/arweave-anchor.ts';
import { proofFixture, type ProofFixture } from './support/proof-fixture.ts';
import { toyProof } from './support/toy-proof.ts';

const failed = (report: ProofReport) => report.checks.filter((check) => !check.ok).map((check) => check.name);

let toy: ProofBundle;
let both: ProofFixture;
beforeAll(async () => {
  toy = await toyProof();
  const signers = operatorSigners();
  both = await proofFixture(await generateKey('secp256k1'), [signers.arweave]);
}, 120_000);

describe('verifyProof dispatches each anchor to its chain verifier', () => {
  it('fails an anchor of a chain it has no verifier for, by name, never passing it', async () => {
    const report = await verifyProof(toy);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['anchor.chain']);
    expect(report.checks.find((check) => check.name === 'anchor.chain')).toMatchObject({ anchor: 0, detail: expect.stringContaining('no verifier for chain "toy"') });
  });

  it('uses a verifier it is given: the right anchor passes, with its online claim', async () => {
    const report = await verifyProof(toy, { verifiers: [...builtInVerifiers, toyVerifier] });
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name)).toContain('toy.digest');
    expect(report.onlineOnly).toEqual([{ anchor: 0, chain: 'toy', claim: 'line 3 holds it' }]);
  });

  it('a tampered anchor fails the custom verifier\'s check', async () => {
    const tampered: ProofBundle = { ...toy, anchors: [{ chain: 'toy', digest: '00'.repeat(32), line: 3 }] };
    expect(failed(await verifyProof(tampered, { verifiers: [toyVerifier] }))).toEqual(['toy.digest']);
  });

  it('hands the verifier the anchor index, the decoded intent and what the receipt\'s log entry records', async () => {
    const seen: AnchorContext[] = [];
    const spy: AnchorVerifier = { chain: 'toy', verify: async (anchor, context) => (seen.push(context), toyVerifier.verify(anchor, context)) };
    const anchors = [{ chain: 'elsewhere' }, ...toy.anchors];
    await verifyProof({ ...toy, anchors }, { verifiers: [spy], blockHeaders: { ab: 'cd' } });
    expect(seen).toHaveLength(1);
    const recordId = recordIdOf(JSON.stringify(toy.intent));
    expect(seen[0]).toMatchObject({ index: 1, facts: { recordId }, receipt: { recordId, targets: ['toy'] }, blockHeaders: { ab: 'cd' } });
  });

  it('an anchor check a verifier reports for another index is placed at the anchor it was given', async () => {
    const careless: AnchorVerifier = { chain: 'toy', verify: async () => ({ checks: [{ name: 'toy.digest', anchor: 9, ok: false, detail: 'no' }] }) };
    const report = await verifyProof(toy, { verifiers: [careless] });
    expect(report.checks.find((check) => check.name === 'toy.digest')?.anchor).toBe(0);
  });

  it.each([
    ['throws', async (): Promise<never> => Promise.reject(new Error('disk on fire')), 'the toy verifier failed: disk on fire'],
    ['reports no check', async () => ({ checks: [] }), 'the toy verifier reported no check'],
  ])('a verifier that %s fails anchor.verifier instead of passing the anchor', async (_what, verify, detail) => {
    const report = await verifyProof(toy, { verifiers: [{ chain: 'toy', verify }] });
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => !check.ok)).toEqual([{ name: 'anchor.verifier', anchor: 0, ok: false, detail }]);
  });

  it('with no verifiers at all, the built-in chains\' anchors fail anchor.chain too', async () => {
    const report = await verifyProof(both.proof, { verifiers: [] });
    expect(failed(report)).toEqual(['anchor.chain', 'anchor.chain']);
  });

  it('the last verifier given for a chain replaces an earlier one, the built-in included', async () => {
    const refuseAll: AnchorVerifier = { chain: 'bsv', verify: async (_anchor, { index }) => ({ checks: [{ name: 'bsv.strict', anchor: index, ...failure('refused') }] }) };
    expect(failed(await verifyProof(both.proof))).toEqual([]);
    expect(failed(await verifyProof(both.proof, { verifiers: [...builtInVerifiers, refuseAll] }))).toEqual(['bsv.strict']);
  });
});
