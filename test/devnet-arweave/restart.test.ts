import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startArweaveDevnet, type ArweaveDevnet } from '../../devnet/arweave/index.ts';
import { arweaveClient, recordingLogger, status, tempDir, transactionsByTag } from './support.ts';

const FUND = 10n ** 13n;
const { log } = recordingLogger();
let temp: Awaited<ReturnType<typeof tempDir>>;
let jwk: JWKInterface;
let address: string;
const running: ArweaveDevnet[] = [];

beforeAll(async () => {
  temp = await tempDir();
  const client = arweaveClient('http://127.0.0.1:1');
  jwk = await client.wallets.generate();
  address = await client.wallets.jwkToAddress(jwk);
});

afterAll(async () => {
  for (const devnet of running) await devnet.stop();
  await temp?.remove();
});

async function start(fund = [{ address, winston: FUND }]): Promise<ArweaveDevnet> {
  const devnet = await startArweaveDevnet({ dir: temp.dir, log, fund });
  running.push(devnet);
  return devnet;
}

async function info(url: string): Promise<{ height: number; current: string }> {
  return (await (await fetch(`${url}/info`)).json()) as { height: number; current: string };
}

it('keeps blocks, transactions, their data and balances across a restart in the same process', async () => {
  let devnet = await start();
  const arweave = arweaveClient(devnet.url);
  const recordId = randomBytes(16).toString('hex');
  const mined = await arweave.createTransaction({ data: `mined ${recordId}` }, jwk);
  mined.addTag('Record-Id', recordId);
  await arweave.transactions.sign(mined, jwk);
  expect((await arweave.transactions.post(mined)).status).toBe(200);
  // Several blocks within one second: arlocal alone would restart from an older tip.
  const height = await devnet.mine(3);
  const pending = await arweave.createTransaction({ data: 'pending' }, jwk);
  await arweave.transactions.sign(pending, jwk);
  expect((await arweave.transactions.post(pending)).status).toBe(200);
  const other = randomBytes(32).toString('base64url').slice(0, 43);
  await devnet.mint(other, 5_000n);
  const spent = FUND - BigInt(mined.reward) - BigInt(pending.reward);
  expect(await arweave.wallets.getBalance(address)).toBe(String(spent));
  const tip = await info(devnet.url);
  const minedStatus = (await status(devnet.url, mined.id)).text;

  await devnet.stop();
  await devnet.stop(); // idempotent
  expect(await connects(devnet.port)).toBe(false);
  await expect(devnet.mine()).rejects.toThrow(/is stopped; start it again/);

  devnet = await start();
  const after = arweaveClient(devnet.url);
  expect(await info(devnet.url)).toMatchObject({ height: tip.height, current: tip.current });
  expect((await status(devnet.url, mined.id)).text).toBe(minedStatus);
  expect(await (await fetch(`${devnet.url}/${mined.id}`)).text()).toBe(`mined ${recordId}`);
  expect((await transactionsByTag(devnet.url, 'Record-Id', recordId)).map((n) => n.id)).toEqual([mined.id]);
  expect(await after.wallets.getBalance(other)).toBe('5000');
  // fund tops up to the target: only what was spent is minted again.
  expect(await after.wallets.getBalance(address)).toBe(String(FUND));

  expect((await status(devnet.url, pending.id)).text).toBe('Pending');
  expect(await devnet.mine()).toBe(height + 1);
  expect(JSON.parse((await status(devnet.url, pending.id)).text)).toMatchObject({ block_height: height + 1 });
  await devnet.stop();

  // Without fund nothing is minted, and a balance at or above a fund target is left alone.
  devnet = await start([]);
  expect(await arweaveClient(devnet.url).wallets.getBalance(address)).toBe(String(FUND));
  await devnet.stop();
  devnet = await start([{ address, winston: FUND / 2n }]);
  expect(await arweaveClient(devnet.url).wallets.getBalance(address)).toBe(String(FUND));
  await devnet.stop();
});

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
