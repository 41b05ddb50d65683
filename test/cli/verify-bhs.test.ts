import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKey } from '../../sdk/index.ts';
import { FIXTURE_LOG_SEED, ed25519Signer } from '../sdk/support/arweave-anchor.ts';
import { proofFixture, type ProofFixture } from '../sdk/support/proof-fixture.ts';
import { startBhsStandIn } from './support/bhs-stand-in.ts';
import { runCli } from './support/run-cli.ts';

const KEY = 'bhs-api-key-0123';
let dir: string;
let fixture: ProofFixture;
let bhs: Awaited<ReturnType<typeof startBhsStandIn>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-bhs-'));
  const key = await importKey({ scheme: 'secp256k1', secretKeyHex: '33'.repeat(32) });
  fixture = await proofFixture(key, [ed25519Signer(FIXTURE_LOG_SEED)]);
  await writeFile(join(dir, 'proof.json'), JSON.stringify(fixture.proof));
  const { block } = fixture;
  bhs = await startBhsStandIn({ apiKey: KEY, headers: [{ height: block.height, hash: block.hash, merkleRoot: block.merkleRoot }], tipHeight: block.height + 9 });
});
afterAll(async () => {
  await bhs?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The Arweave anchor's online check is not this test's: its gateway is a closed port, so it stays
// unchecked (exit 3 at best); the BSV anchor's finding is read from --json.
const verify = (...args: string[]) => runCli(['verify', 'proof.json', '--online', '--json', '--api', 'arweave=http://127.0.0.1:1', ...args], { cwd: dir });
const bsvFinding = (stdout: string) => (JSON.parse(stdout) as { online: Array<{ name: string; anchor: number; outcome: string; detail: string }> }).online.find((c) => c.anchor === 0);

describe('publisher verify --online against a Block Headers Service (--bhs-url)', () => {
  it('asks merkleroot/verify with the path’s root and height and the tip, with the key as bearer, and passes a root in the longest chain', async () => {
    bhs.requests.length = 0;
    const run = await verify('--bhs-url', `${bhs.url}/`, '--bhs-api-key', KEY);
    expect(run.code, run.stdout + run.stderr).toBe(3); // the Arweave anchor, unchecked
    expect(bsvFinding(run.stdout)).toEqual({
      name: 'bsv.block-header',
      anchor: 0,
      outcome: 'ok',
      detail: `the Merkle root ${fixture.block.merkleRoot} at height ${fixture.block.height} is in the longest chain with 10 confirmations (${bhs.url})`,
    });
    expect(bhs.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['POST', '/api/v1/chain/merkleroot/verify', `Bearer ${KEY}`],
      ['GET', '/api/v1/chain/tip/longest', `Bearer ${KEY}`],
    ]);
    expect(JSON.parse(bhs.requests[0]!.body)).toEqual([{ blockHeight: fixture.block.height, merkleRoot: fixture.block.merkleRoot }]);
  });

  it('fails a root the service does not have at that height (INVALID), exit 1', async () => {
    const saved = bhs.state.headers;
    bhs.state.headers = [{ height: fixture.block.height, hash: 'ab'.repeat(32), merkleRoot: 'cd'.repeat(32) }];
    try {
      const run = await verify('--bhs-url', bhs.url, '--bhs-api-key', KEY);
      expect(run.code).toBe(1);
      expect(bsvFinding(run.stdout)).toMatchObject({ outcome: 'failed', detail: `${bhs.url} does not have the Merkle root ${fixture.block.merkleRoot} at height ${fixture.block.height} in the longest chain` });
    } finally {
      bhs.state.headers = saved;
    }
  });

  it('fails fewer confirmations than the proof claims, and leaves unchecked a service behind the chain (UNABLE_TO_VERIFY)', async () => {
    const tip = bhs.state.tipHeight;
    try {
      bhs.state.tipHeight = fixture.block.height + 1;
      const shallow = await verify('--bhs-url', bhs.url, '--bhs-api-key', KEY);
      expect(shallow.code).toBe(1);
      expect(bsvFinding(shallow.stdout)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('has 2 confirmations, fewer than the 6 the proof claims') });
      bhs.state.tipHeight = fixture.block.height - 2;
      const behind = await verify('--bhs-url', bhs.url, '--bhs-api-key', KEY);
      expect(behind.code).toBe(3);
      expect(bsvFinding(behind.stdout)).toMatchObject({ outcome: 'unchecked', detail: expect.stringContaining('UNABLE_TO_VERIFY') });
    } finally {
      bhs.state.tipHeight = tip;
    }
  });

  it('leaves it unchecked when the key is missing or wrong (401), naming --bhs-api-key', async () => {
    for (const args of [[], ['--bhs-api-key', 'wrong']]) {
      const run = await verify('--bhs-url', bhs.url, ...args);
      expect(run.code).toBe(3);
      expect(bsvFinding(run.stdout)).toMatchObject({ outcome: 'unchecked', detail: expect.stringMatching(/HTTP 401: the service wants an API key \(--bhs-api-key\)$/) });
    }
  });

  it('refuses two sources for one chain, and a key without its URL, as usage errors', async () => {
    const both = await verify('--bhs-url', bhs.url, '--woc-url', 'http://127.0.0.1:1');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--bhs-url: another API is already named for bsv anchors/);
    const keyOnly = await verify('--bhs-api-key', KEY);
    expect(keyOnly.code).toBe(2);
    expect(keyOnly.stderr).toMatch(/--bhs-api-key is for --bhs-url, which is not given/);
  });
});
