import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDevnetEndpoints } from '../../server/chains/devnet-endpoints.ts';
import { startTestNode, TEST_ADMIN_TOKEN, type TestNode } from '../support/test-node.ts';
import { runCli, spawnCli } from './support/run-cli.ts';

let node: TestNode;
let dir: string;
beforeAll(async () => {
  [node, dir] = await Promise.all([
    startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_DEVNET_BLOCK_MS: '300', PUBLISHER_BSV_BATCH_WINDOW_MS: '100' }),
    mkdtemp(join(tmpdir(), 'publisher-cli-')),
  ]);
  await writeFile(join(dir, 'song.json'), JSON.stringify({ type: 'music', title: 'Song', owners: [{ id: 'a', share: 100 }] }));
}, 120_000);
afterAll(async () => {
  await node?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { PUBLISHER_URL: node.url, ...env } });
const admin = ['--admin-token', TEST_ADMIN_TOKEN];

describe('publisher against a running node', () => {
  it('takes a record from a new key to a confirmed proof that verifies offline and online, and catches a tampered one', async () => {
    expect((await cli(['keygen', '--out', 'key.json'])).code).toBe(0);
    const registered = await cli(['keys', 'register', '--key', 'key.json', '--label', 'alice', ...admin]);
    expect(registered).toMatchObject({ code: 0, stdout: expect.stringContaining('registered: ACTIVE') });

    const published = await cli(['publish', 'song.json', '--key', 'key.json', '--to', 'bsv', '--wait']);
    expect(published.code, published.stderr).toBe(0);
    const recordId = published.stdout.trim();
    expect(recordId).toMatch(/^[0-9a-f]{64}$/);
    // The progress shows the states the live stream delivered, in order, from QUEUED to CONFIRMED.
    // The stream sends the latest state, so one that lasted less than a poll (SUBMITTED, now that
    // a batch is broadcast as soon as it is signed) may be skipped, never reordered.
    const order = ['QUEUED', 'SUBMITTED', 'CONFIRMED'];
    const shown = [...published.stderr.matchAll(/^ *bsv +([A-Z]+)/gm)].map((m) => order.indexOf(m[1]!));
    expect([shown[0], shown.at(-1)]).toEqual([0, 2]);
    expect(shown.every((state, i) => state >= 0 && (i === 0 || state > shown[i - 1]!))).toBe(true);

    const watched = await cli(['watch', recordId]);
    expect(watched).toMatchObject({ code: 0, stdout: expect.stringMatching(/^bsv +CONFIRMED +txid [0-9a-f]{64}, output \d+ +block \d+/) });

    const status = await cli(['status', recordId, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ recordId, targets: ['bsv'], publications: [{ chain: 'bsv', status: 'CONFIRMED' }] });

    const proof = await cli(['proof', recordId]);
    expect(proof.code).toBe(0);
    await writeFile(join(dir, 'proof.json'), proof.stdout);

    const offline = await cli(['verify', 'proof.json']);
    expect(offline.code, offline.stdout).toBe(0);
    expect(offline.stdout).toMatch(/^✓ intent\.signature/m);
    expect(offline.stdout).toMatch(/^✓ bsv\.merkle-path \(anchor 0\)/m);
    // The devnet's block header, stored with the path: it binds the path to the block offline.
    expect(offline.stdout).toMatch(/^✓ bsv\.header \(anchor 0\) +the header hashes to the blockHash [0-9a-f]{64}$/m);
    expect(offline.stdout).toMatch(/^✓ bsv\.merkle-root \(anchor 0\)/m);
    expect(offline.stdout).toMatch(/^✓ bsv\.proof-of-work \(anchor 0\) +the header hash meets the target of its nBits 0x207fffff/m);
    expect(offline.stdout).toMatch(/^ {2}- bsv \(anchor 0\): block [0-9a-f]{64} is in the best chain at height \d+, with \d+ or more confirmations$/m);
    expect(offline.stdout).not.toContain('✗');

    const { wocUrl } = await loadDevnetEndpoints(node.config.dataDir, 'bsv');
    const online = await cli(['verify', 'proof.json', '--online', '--woc-url', wocUrl!]);
    expect(online.code, online.stdout).toBe(0);
    expect(online.stdout).toMatch(/^✓ bsv\.block-header \(anchor 0\) +block \d+ [0-9a-f]{64} is in the best chain at height \d+ with \d+ confirmations/m);
    expect(online.stdout).not.toContain('not checked offline');

    // A proof made before anchors carried headers: refused offline, and --online supplies the header.
    const older = JSON.parse(proof.stdout) as { anchors: { blockHeader?: string }[] };
    delete older.anchors[0]!.blockHeader;
    await writeFile(join(dir, 'older.json'), JSON.stringify(older));
    const olderOffline = await cli(['verify', 'older.json']);
    expect(olderOffline.code).toBe(1);
    expect(olderOffline.stdout).toMatch(/^✗ bsv\.header \(anchor 0\) +the anchor has no blockHeader/m);
    const olderOnline = await cli(['verify', 'older.json', '--online', '--woc-url', wocUrl!]);
    expect(olderOnline.code, olderOnline.stdout).toBe(0);
    expect(olderOnline.stdout).toMatch(/^✓ bsv\.header \(anchor 0\) +the header supplied to the verifier \(not in the proof\) hashes to the blockHash/m);
    expect(olderOnline.stdout).toMatch(/^✓ bsv\.block-header \(anchor 0\) .*; the proof has no header, so .*'s was checked offline$/m);
    const unknownNetwork = await cli(['verify', 'proof.json', '--online', '--json']);
    expect(unknownNetwork.code).toBe(3);
    expect(JSON.parse(unknownNetwork.stdout)).toMatchObject({ ok: false, online: [{ name: 'bsv.block-header', outcome: 'unchecked' }] });

    const tampered = JSON.parse(proof.stdout) as { intent: { record: { title: string } } };
    tampered.intent.record.title = 'Another song';
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const refused = await cli(['verify', 'tampered.json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^✗ intent\.signature +secp256k1 signature does not verify/m);
    expect(refused.stdout).toMatch(/does NOT verify: intent\.signature/);

    // A publication the pipeline gave up on, set behind the node's back: watch must end in exit 4.
    await node.store.pool.query("UPDATE publications SET status = 'failed', last_error = 'too_large: simulated' WHERE record_id = $1", [recordId]);
    const failed = await cli(['watch', recordId]);
    expect(failed.code).toBe(4);
    expect(failed.stdout).toMatch(/^bsv +FAILED .*last error: too_large: simulated/m);
    expect(failed.stderr).toContain(`record ${recordId}: bsv FAILED (too_large: simulated)`);
  }, 120_000);

  it('exits 1 with KEY_NOT_REGISTERED when the key is unknown to the node, in words and in --json', async () => {
    expect((await cli(['keygen', '--out', 'stranger.json'])).code).toBe(0);
    const refused = await cli(['publish', 'song.json', '--key', 'stranger.json', '--to', 'bsv']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('KEY_NOT_REGISTERED');
    expect(refused.stderr).toContain('publisher keys register');
    const json = await cli(['publish', 'song.json', '--key', 'stranger.json', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { reason: 'KEY_NOT_REGISTERED', exitCode: 1 } });
  });

  it('runs the admin commands with the admin token, and names ADMIN_TOKEN_MISSING or ADMIN_TOKEN_INVALID otherwise', async () => {
    const [balance, humanBalance, audit, noToken, wrongBalance, wrongAudit] = await Promise.all([
      cli(['funding', 'balance', '--json', ...admin]),
      cli(['funding', 'balance', ...admin]),
      cli(['audit', 'verify', ...admin]),
      cli(['funding', 'balance']),
      cli(['funding', 'balance', '--admin-token', 'not-the-admin-token']),
      cli(['audit', 'verify'], { PUBLISHER_ADMIN_TOKEN: 'not-the-admin-token' }),
    ]);
    expect(balance.code).toBe(0);
    expect(JSON.parse(balance.stdout)).toEqual([expect.objectContaining({ chain: 'bsv', unit: 'satoshi' })]);
    // What each figure is, said in the line; spent is fees, never the inputs of a split (test/pipeline/pool-balance.test.ts).
    expect(humanBalance.stdout).toMatch(/^bsv +available \d+ satoshi \(\d+ outputs? spendable\) +reserved \d+ \(pending transactions, \d+ outputs? in\) +spent \d+ in fees \(\d+ outputs? used up\)\n$/);
    expect(BigInt((JSON.parse(balance.stdout) as { spent: string }[])[0]!.spent)).toBeLessThan(1_000_000n);
    expect(audit).toMatchObject({ code: 0, stdout: expect.stringMatching(/^log intact: \d+ entries checked, size \d+, root [0-9a-f]{64}/) });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('ADMIN_TOKEN_MISSING');
    expect(noToken.stderr).toContain('--admin-token');
    for (const wrong of [wrongBalance, wrongAudit]) {
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('ADMIN_TOKEN_INVALID');
    }
  });

  it("finds the admin token in the data directory's admin-token file and says so with --verbose", async () => {
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'admin-token'), `${TEST_ADMIN_TOKEN}\n`);
    const run = await cli(['keys', 'list', '--verbose'], { PUBLISHER_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`admin token from ${join(dataDir, 'admin-token')}`);
    expect(run.stdout).toContain('"alice"');
  });

  it("worker runs the node's publication workers until SIGTERM", async () => {
    const child = spawnCli(['worker'], {
      cwd: dir,
      env: { DATABASE_URL: node.databaseUrl, PUBLISHER_DATA_DIR: node.config.dataDir, PUBLISHER_CHAINS: 'bsv', PUBLISHER_LOG_LEVEL: 'info' },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (log.includes('publication worker running')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      void exited.then((code) => reject(new Error(`worker exited with ${code}:\n${log}`)));
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
