import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKey, type ProofBundle } from '../../sdk/index.ts';
import { FIXTURE_LOG_SEED, ed25519Signer } from '../sdk/support/arweave-anchor.ts';
import { anchoredProof, type AnchoredProof } from '../sdk/support/checkpoint-anchor.ts';
import { fixtureLog, proofFixture } from '../sdk/support/proof-fixture.ts';
import { startBhsStandIn } from './support/bhs-stand-in.ts';
import { runCli } from './support/run-cli.ts';

let dir: string;
let anchored: AnchoredProof;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-verify-log-'));
  const key = await importKey({ scheme: 'secp256k1', secretKeyHex: '44'.repeat(32) });
  const signer = ed25519Signer(FIXTURE_LOG_SEED);
  anchored = await anchoredProof(await proofFixture(key, [signer]), signer, 3, 5, 11);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const verify = async (name: string, proof: ProofBundle, ...args: string[]) => {
  await writeFile(join(dir, name), JSON.stringify(proof));
  return runCli(['verify', name, ...args], { cwd: dir });
};
const origin = fixtureLog.origin.replace(/[./]/g, (c) => `\\${c}`);

describe("publisher verify, the operator's log", () => {
  it('prints the log checks and where the anchored checkpoint sits, and that the key came from the bundle without --log-key', async () => {
    const run = await verify('anchored.json', anchored.proof);
    expect(run.code, run.stdout).toBe(0);
    for (const name of ['log.checkpoint-signature', 'log.checkpoint', 'log.consistency', 'log.anchors']) expect(run.stdout).toMatch(new RegExp(`^✓ ${name.replace('.', '\\.')} `, 'm'));
    expect(run.stdout).toMatch(/^✓ bsv\.output \(checkpoint anchor 0\) +output 1 is OP_FALSE OP_RETURN with the three checkpoint pushes/m);
    expect(run.stdout).toMatch(/^✓ arweave\.item-key \(checkpoint anchor 1\) /m);
    expect(run.stdout).toMatch(/^ {2}- bsv \(checkpoint anchor 0\): block [0-9a-f]{64} is in the best chain/m);
    expect(run.stdout).toMatch(new RegExp(`^log: the receipt's checkpoint \\(${origin}, tree size 5\\) extends to the anchored checkpoint of tree size 11, anchored on bsv \\(checkpoint anchor 0\\), arweave \\(checkpoint anchor 1\\)$`, 'm'));
    expect(run.stdout).toContain("operator key taken from the bundle itself (pass --log-key to check it against the operator's published key)");
  });

  it('with --log-key, does not say the key came from the bundle', async () => {
    const run = await verify('anchored.json', anchored.proof, '--log-key', fixtureLog.verifierKey);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('operator key taken from the bundle itself');
  });

  it('says the log is not yet anchored when the bundle has no anchored checkpoint, and still passes', async () => {
    const run = await verify('unanchored.json', { ...anchored.proof, log: { verifierKey: fixtureLog.verifierKey } }, '--log-key', fixtureLog.verifierKey);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^the log is not yet anchored: no checkpoint covering this record is confirmed on a chain yet, so the receipt's checkpoint \\(${origin}, tree size 5\\) is checked alone$`, 'm'));
    expect(run.stdout).not.toMatch(/log\.consistency/);
  });

  it('refuses a consistency proof that does not hold: exit 1, naming log.consistency', async () => {
    const consistency = [...anchored.consistency].reverse();
    const run = await verify('forked.json', { ...anchored.proof, log: { ...anchored.proof.log, consistency } }, '--log-key', fixtureLog.verifierKey);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toMatch(/^✗ log\.consistency /m);
    expect(run.stdout).toMatch(/does NOT verify: log\.consistency failed$/m);
  });

  it('--online asks the chain about the checkpoint anchor too, placing its finding by checkpointAnchor', async () => {
    const anchor = anchored.anchors[0] as unknown as { blockHash: string; blockHeight: number; blockHeader: string };
    const merkleRoot = Buffer.from(anchor.blockHeader, 'hex').subarray(36, 68).reverse().toString('hex');
    // The stand-in knows only the checkpoint anchor's block: the record's is refused, which is not this test's.
    const bhs = await startBhsStandIn({ apiKey: 'k', headers: [{ height: anchor.blockHeight, hash: anchor.blockHash, merkleRoot }], tipHeight: anchor.blockHeight + 5 });
    try {
      await writeFile(join(dir, 'online.json'), JSON.stringify(anchored.proof));
      const run = await runCli(['verify', 'online.json', '--online', '--json', '--bhs-url', bhs.url, '--bhs-api-key', 'k', '--api', 'arweave=http://127.0.0.1:1'], { cwd: dir });
      const online = (JSON.parse(run.stdout) as { online: { name: string; anchor?: number; checkpointAnchor?: number; outcome: string; detail: string }[] }).online;
      expect(online.find((check) => check.checkpointAnchor === 0)).toEqual({
        name: 'bsv.block-header',
        checkpointAnchor: 0,
        outcome: 'ok',
        detail: expect.stringContaining(`the Merkle root ${merkleRoot} at height ${anchor.blockHeight} is in the longest chain with 6 confirmations`),
      });
      expect(online.find((check) => check.checkpointAnchor === 1)).toMatchObject({ name: 'arweave.block', outcome: 'unchecked' });
      expect(online.find((check) => check.anchor === 0)).toMatchObject({ name: 'bsv.block-header', outcome: 'failed' });
    } finally {
      await bhs.close();
    }
  });

  it('--json carries the report\'s log section', async () => {
    const run = await verify('anchored.json', anchored.proof, '--json');
    const report = JSON.parse(run.stdout) as { log: unknown };
    expect(report.log).toMatchObject({ anchored: true, keyFromBundle: true, anchoredCheckpoint: { size: 11 }, anchorChains: ['bsv', 'arweave'] });
  });
});
