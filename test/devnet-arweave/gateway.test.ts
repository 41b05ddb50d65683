import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import type Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { ArweaveSigner, EthereumSigner, bundleAndSignData, createData, type DataItem } from 'arbundles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArweaveDevnet, type ArweaveDevnet } from '../../devnet/arweave/index.ts';
import { arweaveClient, recordingLogger, status, tempDir, transactionsByTag } from './support.ts';

const FUND = 10n ** 15n; // 1000 AR
const price = (bytes: number): string => String(Math.round((bytes / 1000) * 65_595_508));

let temp: Awaited<ReturnType<typeof tempDir>>;
let devnet: ArweaveDevnet;
let arweave: Arweave;
let jwk: JWKInterface;
let address: string;
const { log, lines } = recordingLogger();

beforeAll(async () => {
  temp = await tempDir();
  const client = arweaveClient('http://127.0.0.1:1');
  jwk = await client.wallets.generate();
  address = await client.wallets.jwkToAddress(jwk);
  devnet = await startArweaveDevnet({ dir: temp.dir, log, fund: [{ address, winston: FUND }] });
  arweave = arweaveClient(devnet.url);
});

afterAll(async () => {
  await devnet?.stop();
  await temp?.remove();
});

/** Builds, signs and posts a layer-1 transaction; resolves to it once the gateway accepted it. */
async function post(data: string | Uint8Array, tags: Record<string, string>) {
  const tx = await arweave.createTransaction({ data }, jwk);
  for (const [name, value] of Object.entries(tags)) tx.addTag(name, value);
  await arweave.transactions.sign(tx, jwk);
  const response = await arweave.transactions.post(tx);
  expect(response.status).toBe(200);
  return tx;
}

async function postBundle(items: DataItem[], tags: Record<string, string> = {}) {
  const bundle = await bundleAndSignData(items, new ArweaveSigner(jwk));
  return post(bundle.getRaw(), { 'Bundle-Format': 'binary', 'Bundle-Version': '2.0.0', ...tags });
}

describe('listening', () => {
  it('answers on 127.0.0.1 and on no other address of the machine', async () => {
    expect(new URL(devnet.url).hostname).toBe('127.0.0.1');
    expect(await connects('127.0.0.1', devnet.port)).toBe(true);

    const others = Object.entries(networkInterfaces()).flatMap(([name, infos]) =>
      (infos ?? [])
        .filter((info) => info.address !== '127.0.0.1')
        .map((info) => (info.family === 'IPv6' && info.address.startsWith('fe80:') ? `${info.address}%${name}` : info.address)),
    );
    // A server bound to every interface is reachable on each of them, so a refusal means something.
    const control = await listenEverywhere();
    try {
      for (const host of others) {
        expect({ host, control: await connects(host, portOf(control)) }).toEqual({ host, control: true });
        expect({ host, devnet: await connects(host, devnet.port) }).toEqual({ host, devnet: false });
      }
    } finally {
      await new Promise((resolve) => control.close(resolve));
    }

    // The kernel's own list of listening sockets: one, on 127.0.0.1, none on IPv6.
    expect(await listeners('/proc/net/tcp', devnet.port)).toEqual(['0100007F']);
    expect(await listeners('/proc/net/tcp6', devnet.port)).toEqual([]);
  });
});

describe('wallets', () => {
  it('tops up the fund wallets at start and reads their balance back through arweave-js', async () => {
    expect(await arweave.wallets.getBalance(address)).toBe(String(FUND));
  });

  it('mints to any address, adding to its balance', async () => {
    const other = await arweave.wallets.jwkToAddress(await arweave.wallets.generate());
    expect(await arweave.wallets.getBalance(other)).toBe('0');
    expect(await devnet.mint(other, 1_000n)).toBe(1_000n);
    expect(await devnet.mint(other, 234n)).toBe(1_234n);
    expect(await arweave.wallets.getBalance(other)).toBe('1234');
  });

  it('refuses amounts arlocal cannot hold exactly, and malformed addresses', async () => {
    await expect(devnet.mint(address, 0n)).rejects.toThrow(/winston must be a bigint from 1/);
    await expect(devnet.mint(address, 2n ** 53n)).rejects.toThrow(/floating point/);
    await expect(devnet.mint('not-an-address', 1n)).rejects.toThrow(/not an Arweave address/);
  });
});

describe('layer-1 transactions', () => {
  it('answers Pending (202) until mined, then a JSON status whose confirmations count the containing block, as a node does', async () => {
    const before = BigInt(await arweave.wallets.getBalance(address));
    const recordId = randomBytes(16).toString('hex');
    const data = JSON.stringify({ record: recordId });
    const tx = await post(data, { 'App-Name': 'chain-publisher', 'Content-Type': 'application/json', 'Record-Id': recordId });

    expect(tx.reward).toBe(price(tx.data.byteLength));
    expect(BigInt(await arweave.wallets.getBalance(address))).toBe(before - BigInt(tx.reward)); // charged at post, not at mining
    // arlocal itself answers 200 "Pending"; the front answers as a node (handle_get_tx_status).
    expect(await status(devnet.url, tx.id)).toMatchObject({ code: 202, text: 'Pending' });
    expect((await fetch(`${devnet.url}/tx/${tx.id}`)).status).toBe(202);
    // GraphQL lists a pending transaction already, with no block: its presence proves nothing.
    const listed = await transactionsByTag(devnet.url, 'Record-Id', recordId);
    expect(listed.map((node) => [node.id, node.block])).toEqual([[tx.id, null]]);

    const height = await devnet.mine();
    const mined = await status(devnet.url, tx.id);
    expect(mined.code).toBe(200);
    const blockHash = (JSON.parse(mined.text) as { block_indep_hash: string }).block_indep_hash;
    // arlocal counts the blocks *after* the containing one (0 here); a node counts it as the first.
    expect(JSON.parse(mined.text)).toEqual({ block_height: height, block_indep_hash: expect.any(String), number_of_confirmations: 1 });
    expect(await devnet.mine(2)).toBe(height + 2);
    expect(JSON.parse((await status(devnet.url, tx.id)).text)).toEqual({ block_height: height, block_indep_hash: blockHash, number_of_confirmations: 3 });

    expect(await (await fetch(`${devnet.url}/${tx.id}`)).text()).toBe(data);
  });

  it('finds a mined transaction by tag through GraphQL, with its tags and block', async () => {
    const recordId = randomBytes(16).toString('hex');
    const tx = await post('{}', { 'App-Name': 'chain-publisher', 'Record-Id': recordId });
    const height = await devnet.mine();
    const [node, ...rest] = await transactionsByTag(devnet.url, 'Record-Id', recordId);
    expect(rest).toEqual([]);
    expect(node?.id).toBe(tx.id);
    expect(node?.tags).toEqual([
      { name: 'App-Name', value: 'chain-publisher' },
      { name: 'Record-Id', value: recordId },
    ]);
    expect(node?.block?.height).toBe(height);
  });

  it('routes what arlocal prints on the console into the pino logger', async () => {
    // arlocal's block route destructures a missing block, catches the TypeError and prints it.
    await (await fetch(`${devnet.url}/block/hash/${'x'.repeat(64)}`)).text();
    expect(lines.some((line) => line['level'] === 40 && /^arlocal: .*TypeError/s.test(String(line['msg'])))).toBe(true);
  });

  it('answers a post that is not a transaction as a node does (400 Invalid JSON.)', async () => {
    const response = await fetch(`${devnet.url}/tx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"format":2}' });
    expect({ status: response.status, text: await response.text() }).toEqual({ status: 400, text: 'Invalid JSON.' });
  });
});

describe('ANS-104 bundles', () => {
  it('indexes every item once mined: found by tag in GraphQL, data served at /<item id>, but no /tx/<item id> and no bundledIn', async () => {
    const batch = randomBytes(8).toString('hex');
    const signer = new ArweaveSigner(jwk);
    const items = ['first', 'second', 'third'].map((data, i) => createData(data, signer, { tags: [{ name: 'Batch', value: batch }, { name: 'N', value: String(i) }] }));
    // An item signed by a key arlocal holds no wallet for (bundleAndSignData signs only unsigned items).
    const ethereum = new EthereumSigner(randomBytes(32).toString('hex'));
    const foreign = createData('foreign', ethereum, { tags: [{ name: 'Batch', value: batch }] });
    await foreign.sign(ethereum);
    const all = [...items, foreign];
    const bundleTx = await postBundle(all);

    // Before mining, arlocal has indexed the items whose owner has a wallet on it, and only those.
    expect((await transactionsByTag(devnet.url, 'Batch', batch)).map((n) => n.id).sort()).toEqual(items.map((i) => i.id).sort());

    const height = await devnet.mine();
    const nodes = await transactionsByTag(devnet.url, 'Batch', batch);
    expect(nodes.map((n) => n.id).sort()).toEqual(all.map((i) => i.id).sort());
    for (const node of nodes) {
      expect(node.block?.height).toBe(height);
      expect(node.bundledIn).toBeNull();
    }
    // The bundledIn filter is accepted but ignored: items of this bundle come back for another id.
    const filtered = await transactionsByTag(devnet.url, 'Batch', batch, `, bundledIn: ["${'A'.repeat(43)}"]`);
    expect(filtered).toHaveLength(all.length);

    for (const [item, data] of [...items.map((item, i) => [item, ['first', 'second', 'third'][i]] as const), [foreign, 'foreign'] as const]) {
      expect(await (await fetch(`${devnet.url}/${item.id}`)).text()).toBe(data);
      expect((await fetch(`${devnet.url}/tx/${item.id}`)).status).toBe(404);
      expect((await status(devnet.url, item.id)).code).toBe(404);
    }
    expect(JSON.parse((await status(devnet.url, bundleTx.id)).text)).toMatchObject({ block_height: height, number_of_confirmations: 1 });
  });

  it('indexes a bundle uploaded in chunks (over 256 KiB) as well', async () => {
    const batch = randomBytes(8).toString('hex');
    const signer = new ArweaveSigner(jwk);
    const items = Array.from({ length: 300 }, (_, i) => createData(`${i}:`.padEnd(1000, 'x'), signer, { tags: [{ name: 'Batch', value: batch }] }));
    const bundleTx = await postBundle(items);
    expect(bundleTx.chunks?.chunks.length).toBeGreaterThan(1);

    const height = await devnet.mine();
    const nodes = await transactionsByTag(devnet.url, 'Batch', batch);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(items.map((i) => i.id)));
    expect(nodes.every((n) => n.block?.height === height)).toBe(true);
    for (const index of [0, 150, 299]) {
      const item = items[index]!;
      expect(await (await fetch(`${devnet.url}/${item.id}`)).text()).toBe(`${index}:`.padEnd(1000, 'x'));
    }
    expect(JSON.parse((await status(devnet.url, bundleTx.id)).text)).toMatchObject({ block_height: height });
  }, 60_000);
});

describe('what arlocal does not check (the adapter must)', () => {
  it('accepts and mines a layer-1 transaction whose tags exceed 2048 bytes', async () => {
    const tx = await post('big tags', { 'Record-Id': randomBytes(16).toString('hex'), Padding: 'p'.repeat(3000) });
    await devnet.mine();
    expect(JSON.parse((await status(devnet.url, tx.id)).text)).toHaveProperty('number_of_confirmations');
  });

  it('accepts a bundle holding a forged item and indexes the item; only the bundle itself never gets mined', async () => {
    const batch = randomBytes(8).toString('hex');
    const signer = new ArweaveSigner(jwk);
    const good = createData('good', signer, { tags: [{ name: 'Batch', value: batch }] });
    const forged = createData('forged', signer, { tags: [{ name: 'Batch', value: batch }] });
    await good.sign(signer);
    await forged.sign(signer);
    const raw = forged.getRaw();
    raw[raw.length - 1] = (raw.at(-1) ?? 0) ^ 1; // the data no longer matches the signature
    expect(await forged.isValid()).toBe(false);
    const bundleTx = await postBundle([good, forged]);

    const height = await devnet.mine();
    const nodes = await transactionsByTag(devnet.url, 'Batch', batch);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set([good.id, forged.id]));
    expect(nodes.every((n) => n.block?.height === height)).toBe(true);
    expect(await (await fetch(`${devnet.url}/${forged.id}`)).text()).toBe('forgee');
    expect((await status(devnet.url, bundleTx.id)).text).toBe('Pending');
    await devnet.mine();
    expect((await status(devnet.url, bundleTx.id)).text).toBe('Pending');
  });
});

describe('price', () => {
  it('answers /price/{bytes} with a winston amount linear in the size', async () => {
    for (const bytes of [0, 1, 1000, 2048, 1_000_000]) {
      const response = await fetch(`${devnet.url}/price/${bytes}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(price(bytes));
    }
    expect(await arweave.transactions.getPrice(2048, address)).toBe(price(2048));
  });
});

describe('mining', () => {
  it('mine(n) puts pending transactions in the last block but reports the height of the first', async () => {
    const tx = await post('several blocks', { 'Record-Id': randomBytes(16).toString('hex') });
    const height = await devnet.mine(3);
    const mined = JSON.parse((await status(devnet.url, tx.id)).text) as { block_height: number; block_indep_hash: string };
    expect(mined.block_height).toBe(height - 2);
    const block = (await (await fetch(`${devnet.url}/block/hash/${mined.block_indep_hash}`)).json()) as { height: number; txs: string[] };
    expect(block.height).toBe(height);
    // arlocal stores a block's transaction list badly ("[object Object]"): it proves nothing.
    expect(block.txs).not.toContain(tx.id);
  });

  it('refuses a block count that is not a whole number ≥ 1', async () => {
    await expect(devnet.mine(0)).rejects.toThrow(/whole number ≥ 1/);
    await expect(devnet.mine(1.5)).rejects.toThrow(/whole number ≥ 1/);
  });
});

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function listenEverywhere(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ port: 0, host: '::' }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  return address.port;
}

/** Local addresses (kernel hex) of the sockets listening on `port`. */
async function listeners(table: string, port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return (await readFile(table, 'utf8'))
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => fields[1]!.split(':')[0]!);
}
