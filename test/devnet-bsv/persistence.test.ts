import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import { startCallbackReceiver } from './support/callback-receiver.ts';
import { arcStatus, broadcast, fundingUtxos, startTestDevnet, testLog, woc } from './support/devnet.ts';
import { buildSpend, changeOf, fundingAddress } from './support/wallet.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bsv-devnet-persist-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const restart = (): Promise<BsvDevnet> => startBsvDevnet({ dir, log: testLog });
const unspent = (devnet: BsvDevnet) => woc<unknown>(devnet, `/address/${fundingAddress}/unspent/all`);

describe('bsv devnet: persistence', () => {
  it('continues the same chain after a restart: tip, UTXOs, mempool, double spends, statuses, proofs and callbacks', async () => {
    const receiver = await startCallbackReceiver();
    const first = (await startTestDevnet({ dir })).devnet;
    const [a, b] = await fundingUtxos(first);
    const mined = await buildSpend({ inputs: [a!], records: 2 });
    await broadcast(first, mined.toHex());
    first.mine(2);
    const pending = await buildSpend({ inputs: [changeOf(mined)], records: 1 });
    await broadcast(first, pending.toHex(), { headers: { 'X-CallbackUrl': `${receiver.url}/pending` } });
    const original = await buildSpend({ inputs: [b!], records: 1 });
    const rival = await buildSpend({ inputs: [b!], records: 2 });
    await broadcast(first, original.toHex());
    await broadcast(first, rival.toHex());
    const before = {
      tip: first.tip(),
      unspent: await unspent(first),
      statuses: await Promise.all([mined, pending, original, rival].map(async (tx) => (await arcStatus(first, tx.id('hex'))).body)),
    };
    await first.stop();

    const second = await restart();
    try {
      expect(second.tip()).toEqual(before.tip);
      expect(await unspent(second)).toEqual(before.unspent);
      const after = await Promise.all([mined, pending, original, rival].map(async (tx) => (await arcStatus(second, tx.id('hex'))).body));
      const stable = ({ timestamp: _, ...rest }: { timestamp?: string }) => rest;
      expect(after.map(stable)).toEqual(before.statuses.map(stable));
      expect(after.map((s) => s.txStatus)).toEqual(['MINED', 'SEEN_ON_NETWORK', 'DOUBLE_SPEND_ATTEMPTED', 'DOUBLE_SPEND_ATTEMPTED']);

      const [block] = second.mine(1);
      expect(block!.txids).toEqual([pending.id('hex'), original.id('hex')]);
      await receiver.until(() => receiver.received.some((r) => r.path === '/pending' && r.body['txStatus'] === 'MINED'));
      expect((await arcStatus(second, rival.id('hex'))).body.txStatus).toBe('REJECTED');
      expect((await broadcast(second, (await buildSpend({ inputs: [changeOf(pending)], records: 1 })).toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    } finally {
      await second.stop();
      await receiver.close();
    }
  });

  it('replays reorganisations: the replacing chain, stale and dropped transactions survive a restart', async () => {
    const first = (await startTestDevnet({ dir })).devnet;
    const [a, b] = await fundingUtxos(first);
    const kept = await buildSpend({ inputs: [a!], records: 1 });
    const dropped = await buildSpend({ inputs: [b!], records: 1 });
    await broadcast(first, kept.toHex());
    await broadcast(first, dropped.toHex());
    first.mine(2);
    first.faults.reorg(2, { drop: [dropped.id('hex')], remine: true });
    const tip = first.tip();
    const statuses = await Promise.all([kept, dropped].map(async (tx) => (await arcStatus(first, tx.id('hex'))).body));
    const utxosBefore = await unspent(first);
    await first.stop();

    const second = await restart();
    try {
      expect(second.tip()).toEqual(tip);
      const after = await Promise.all([kept, dropped].map(async (tx) => (await arcStatus(second, tx.id('hex'))).body));
      expect(after.map((s) => [s.txStatus, s.blockHash, s.merklePath])).toEqual(statuses.map((s) => [s.txStatus, s.blockHash, s.merklePath]));
      expect(after.map((s) => s.txStatus)).toEqual(['MINED', 'MINED_IN_STALE_BLOCK']);
      expect(await unspent(second)).toEqual(utxosBefore);
      expect((await broadcast(second, dropped.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    } finally {
      await second.stop();
    }
  });

  it('ignores a torn last line of the log and keeps appending after it', async () => {
    const first = (await startTestDevnet({ dir })).devnet;
    const [input] = await fundingUtxos(first);
    const tx = await buildSpend({ inputs: [input!], records: 1 });
    await broadcast(first, tx.toHex());
    const tip = first.tip();
    await first.stop();
    const log = join(dir, 'bsv-devnet.jsonl');
    await appendFile(log, '{"e":"tx","hex":"0100000001');

    const second = await restart();
    expect(second.tip()).toEqual(tip);
    expect((await arcStatus(second, tx.id('hex'))).body.txStatus).toBe('SEEN_ON_NETWORK');
    second.mine(1);
    await second.stop();
    expect((await readFile(log, 'utf8')).endsWith('\n')).toBe(true);

    const third = await restart();
    expect(third.tip().height).toBe(tip.height + 1);
    expect((await arcStatus(third, tx.id('hex'))).body.txStatus).toBe('MINED');
    await third.stop();
  });

  it('refuses to start on a log damaged in the middle, and on a directory another devnet uses', async () => {
    const running = (await startTestDevnet({ dir })).devnet;
    await expect(restart()).rejects.toThrow(/in use by process \d+/);
    running.mine(1);
    await running.stop();
    const log = join(dir, 'bsv-devnet.jsonl');
    const lines = (await readFile(log, 'utf8')).split('\n');
    await writeFile(log, [lines[0], 'garbage', ...lines.slice(1)].join('\n'));
    await expect(restart()).rejects.toThrow(/line 2 of .* is not valid JSON/);
  });

  it('comes back whole after its process is killed with SIGKILL in the middle of broadcasts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/devnet-bsv/support/devnet-child.ts'], {
      cwd: root,
      env: { ...process.env, BSV_DEVNET_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const arcUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString('utf8')) as { arcUrl: string }).arcUrl));
      child.once('exit', (code) => reject(new Error(`devnet child exited with ${code}`)));
    });
    const remote = { arcUrl, wocUrl: `${arcUrl}/v1/bsv/regtest` } as BsvDevnet;
    const [input] = await fundingUtxos(remote);
    const chain = [await buildSpend({ inputs: [input!], records: 2 })];
    for (let i = 1; i < 40; i++) chain.push(await buildSpend({ inputs: [changeOf(chain[i - 1]!)], records: 2 }));

    const acknowledged: string[] = [];
    for (const [i, tx] of chain.entries()) {
      if (i === 25) {
        void broadcast(remote, tx.toHex()).catch(() => undefined); // in flight when the kill lands
        child.kill('SIGKILL');
        break;
      }
      expect((await broadcast(remote, tx.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
      acknowledged.push(tx.id('hex'));
      if (i % 10 === 9) await fetch(`${arcUrl}/devnet/mine`, { method: 'POST', body: '{"blocks":1}' });
    }
    await exited;

    const revived = await restart();
    try {
      expect(revived.tip().height).toBe(3); // genesis, funding, two mined
      for (const txid of acknowledged) expect(['SEEN_ON_NETWORK', 'MINED']).toContain((await arcStatus(revived, txid)).body.txStatus);
      for (const tx of chain) expect((await broadcast(revived, tx.toHex())).body.txStatus).toMatch(/^(SEEN_ON_NETWORK|MINED)$/);
      revived.mine(1);
      for (const tx of chain) expect((await arcStatus(revived, tx.id('hex'))).body.txStatus).toBe('MINED');
    } finally {
      await revived.stop();
    }
  });
});
