import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'config-chain-'));
  await writeFile(join(dir, 'publisher.yaml'), `chains:\n  enabled: [filelog]\n  plugins:\n    filelog: ${resolve('examples/filelog-plugin')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('publisher config --chain', () => {
  it("lists a built-in chain's declared settings and the node's own, with environment names, types, defaults and docs", async () => {
    const run = await runCli(['config', '--chain', 'bsv'], { cwd: dir });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('chain bsv: funding utxo, amounts in satoshi');
    expect(run.stdout).toMatch(/chains\.bsv\.feeRateSatPerKb {2}\(PUBLISHER_BSV_FEE_RATE_SAT_PER_KB; integer 0\.\.1000000; default 1\)\n {6}satoshis per 1000 bytes.*; also read as PUBLISHER_BSV_FEE_RATE/);
    expect(run.stdout).toMatch(/chains\.bsv\.fundingKey {2}\(secret: PUBLISHER_BSV_FUNDING_KEY or PUBLISHER_BSV_FUNDING_KEY_FILE \/ chains\.bsv\.fundingKeyFile; secret; required\)/);
    expect(run.stdout).toMatch(/chains\.bsv\.pool\.splitAmount {2}\(PUBLISHER_BSV_POOL_SPLIT_AMOUNT; amount >= 1; default 1000000\) {2}\[node\]\n.*also read as chains\.bsv\.pool\.splitSatoshis/);
  });

  it("finds a plugin through the configuration file's chains.plugins, and answers in JSON", async () => {
    const run = await runCli(['config', '--chain', 'filelog', '--config', 'publisher.yaml', '--json'], { cwd: dir });
    expect(run).toMatchObject({ code: 0 });
    const answer = JSON.parse(run.stdout) as { chain: string; funding: unknown; settings: { key: string; env: string; default?: string; by: string }[] };
    expect(answer).toMatchObject({ chain: 'filelog', funding: { model: 'none', unit: 'byte' } });
    expect(answer.settings).toContainEqual(expect.objectContaining({ key: 'chains.filelog.maxRecordBytes', env: 'PUBLISHER_FILELOG_MAX_RECORD_BYTES', default: '65536', by: 'plugin' }));
    expect(answer.settings.filter((s) => s.by === 'core').map((s) => s.key)).not.toContain('chains.filelog.pool.minUtxos');
  });

  it('names the chain and the problem when there is no such plugin', async () => {
    const run = await runCli(['config', '--chain', 'nochain'], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/plugin nochain: unknown chain "nochain"/);
  });
});
