import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArweaveDevnetError, startArweaveDevnet } from '../../devnet/arweave/index.ts';
import { loadArlocal } from '../../devnet/arweave/load-arlocal.ts';
import { arweaveClient, recordingLogger, status, tempDir } from './support.ts';

const { log } = recordingLogger();
let temp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  temp = await tempDir();
});

afterAll(async () => {
  await temp?.remove();
});

it('says what to install when arlocal is missing', () => {
  expect(() => loadArlocal('arlocal-that-is-not-installed')).toThrow(ArweaveDevnetError);
  expect(() => loadArlocal('arlocal-that-is-not-installed')).toThrow(/optional package arlocal-that-is-not-installed is not installed.*npm ci --include=optional/);
});

it('refuses bad options before starting anything', async () => {
  await expect(startArweaveDevnet({ dir: temp.dir, log, port: -1 })).rejects.toThrow(/port must be 0\.\.65535/);
  await expect(startArweaveDevnet({ dir: temp.dir, log, mineIntervalMs: 1.5 })).rejects.toThrow(/mineIntervalMs must be a whole number/);
  await expect(startArweaveDevnet({ dir: temp.dir, log, fund: [{ address: 'short', winston: 1n }] })).rejects.toThrow(/not an Arweave address/);
  await expect(startArweaveDevnet({ dir: temp.dir, log, fund: [{ address: 'A'.repeat(43), winston: -1n }] })).rejects.toThrow(/winston must be a bigint/);
});

it('reports a port in use, releases what it opened, and starts on that dir afterwards', async () => {
  const taken = await listen();
  const port = (taken.address() as { port: number }).port;
  const originalError = console.error;
  try {
    await expect(startArweaveDevnet({ dir: temp.dir, log, port })).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is in use`));
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
  expect(console.error).toBe(originalError);
  const devnet = await startArweaveDevnet({ dir: temp.dir, log, port });
  expect(devnet.url).toBe(`http://127.0.0.1:${port}`);
  await devnet.stop();
});

it('mines on its own every mineIntervalMs', async () => {
  const devnet = await startArweaveDevnet({ dir: temp.dir, log, mineIntervalMs: 100 });
  try {
    const arweave = arweaveClient(devnet.url);
    const jwk = await arweave.wallets.generate();
    await devnet.mint(await arweave.wallets.jwkToAddress(jwk), 10n ** 12n);
    const tx = await arweave.createTransaction({ data: 'interval' }, jwk);
    await arweave.transactions.sign(tx, jwk);
    expect((await arweave.transactions.post(tx)).status).toBe(200);
    await expect.poll(async () => (await status(devnet.url, tx.id)).text, { timeout: 5_000, interval: 50 }).toMatch(/number_of_confirmations/);
  } finally {
    await devnet.stop();
  }
});

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve(server));
  });
}
