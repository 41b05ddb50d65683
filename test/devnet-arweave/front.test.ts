import { randomBytes } from 'node:crypto';
import type Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { ArweaveSigner, bundleAndSignData, createData } from 'arbundles';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArweaveDevnet, type ArweaveDevnet } from '../../devnet/arweave/index.ts';
import { arweaveClient, status, tempDir, transactionsByTag } from './support.ts';

/**
 * The devnet's front of arlocal: chunked uploads that arlocal alone gets wrong (interleaved,
 * repeated, interrupted), data checked against the signed root, and the fault switches.
 */
let temp: Awaited<ReturnType<typeof tempDir>>;
let devnet: ArweaveDevnet;
let arweave: Arweave;
let jwk: JWKInterface;

beforeAll(async () => {
  temp = await tempDir();
  const client = arweaveClient('http://127.0.0.1:1');
  jwk = await client.wallets.generate();
  devnet = await startArweaveDevnet({ dir: temp.dir, log: pino({ level: 'silent' }), fund: [{ address: await client.wallets.jwkToAddress(jwk), winston: 10n ** 15n }] });
  arweave = arweaveClient(devnet.url);
});
afterAll(async () => {
  await devnet?.stop();
  await temp?.remove();
});

const postJson = async (path: string, body: unknown) => {
  const response = await fetch(`${devnet.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { code: response.status, text: await response.text() };
};

/** A signed bundle transaction of `count` ~1 KB items, tagged with a fresh batch id, prepared in chunks. */
async function bundleTx(count: number) {
  const batch = randomBytes(8).toString('hex');
  const signer = new ArweaveSigner(jwk);
  const items = Array.from({ length: count }, (_, i) => createData(`${i}:`.padEnd(1000, 'y'), signer, { tags: [{ name: 'Batch', value: batch }] }));
  const bundle = await bundleAndSignData(items, signer);
  const tx = await arweave.createTransaction({ data: bundle.getRaw() }, jwk);
  tx.addTag('Bundle-Format', 'binary');
  tx.addTag('Bundle-Version', '2.0.0');
  await arweave.transactions.sign(tx, jwk);
  const data = bundle.getRaw();
  const header = { ...tx.toJSON(), data: '' };
  const chunks = Array.from({ length: tx.chunks!.chunks.length }, (_, i) => tx.getChunk(i, data));
  return { tx, batch, items, header, chunks };
}

describe('chunked uploads', () => {
  it('admits two bundles whose chunks interleave and repeat, each once complete, and mines both', async () => {
    const [a, b] = await Promise.all([bundleTx(300), bundleTx(300)]);
    expect(a.chunks.length).toBeGreaterThan(1);
    expect((await postJson('/tx', a.header)).code).toBe(200);
    expect((await postJson('/tx', b.header)).code).toBe(200);
    // Held until the data is complete: pending (202), as a node reports a transaction in its mempool.
    expect(await status(devnet.url, a.tx.id)).toMatchObject({ code: 202, text: 'Pending' });
    const order = [a.chunks[0], b.chunks[0], a.chunks[0], b.chunks[1], ...a.chunks.slice(1), ...b.chunks.slice(2)];
    for (const chunk of order) expect((await postJson('/chunk', chunk)).code).toBe(200);
    // A chunk sent again after admission (a rebroadcast) is harmless.
    expect((await postJson('/chunk', a.chunks[0])).code).toBe(200);

    const height = await devnet.mine();
    for (const upload of [a, b]) {
      const nodes = await transactionsByTag(devnet.url, 'Batch', upload.batch);
      expect(nodes.length).toBe(300);
      expect(nodes.every((n) => n.block?.height === height)).toBe(true);
      expect(JSON.parse((await status(devnet.url, upload.tx.id)).text)).toMatchObject({ block_height: height });
    }
  }, 60_000);

  it('keeps mining other transactions while an upload is incomplete (its sender was killed)', async () => {
    const cut = await bundleTx(300);
    await postJson('/tx', cut.header);
    await postJson('/chunk', cut.chunks[0]);
    const other = await bundleTx(10);
    expect((await arweave.transactions.post(other.tx)).status).toBe(200);
    const height = await devnet.mine();
    expect(JSON.parse((await status(devnet.url, other.tx.id)).text)).toMatchObject({ block_height: height });
    expect(await status(devnet.url, cut.tx.id)).toMatchObject({ code: 202, text: 'Pending' });
  }, 60_000);

  it('refuses a chunk of an unknown data root, and chunks that do not hash to the signed root', async () => {
    const upload = await bundleTx(300);
    // As an ar.io gateway: every peer said data_root_not_found, and only the tally comes back.
    const unknown = await postJson('/chunk', upload.chunks[0]);
    expect(unknown.code).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ successCount: 0, failureCount: 3, results: [{ statusCode: 400 }, { statusCode: 400 }, { statusCode: 400 }] });
    await postJson('/tx', upload.header);
    const last = upload.chunks.at(-1)!;
    const forged = { ...last, chunk: Buffer.from(Buffer.from(last.chunk, 'base64url').map((byte) => byte ^ 1)).toString('base64url') };
    for (const chunk of upload.chunks.slice(0, -1)) expect((await postJson('/chunk', chunk)).code).toBe(200);
    expect((await postJson('/chunk', forged)).code).toBe(400);
    expect((await status(devnet.url, upload.tx.id)).code).toBe(404);
  }, 60_000);
});

describe('answers as arweave.net does: an ar.io gateway for chunks, an Arweave node for transactions', () => {
  it('answers a stored chunk with ar.io\'s tally of its peers (200, successCount 3, 2 preferred)', async () => {
    const upload = await bundleTx(300);
    expect((await postJson('/tx', upload.header)).code).toBe(200);
    const stored = await postJson('/chunk', upload.chunks[0]);
    expect(stored.code).toBe(200);
    const tally = JSON.parse(stored.text) as { results: unknown[] };
    expect(tally).toMatchObject({ successCount: 3, preferredSuccessCount: 2, failureCount: 0 });
    expect(tally.results).toEqual(Array.from({ length: 3 }, () => ({ peer: expect.any(String), success: true, statusCode: 200, canceled: false, timedOut: false })));
    for (const chunk of upload.chunks.slice(1)) expect((await postJson('/chunk', chunk)).code).toBe(200);
  }, 60_000);

  it('answers a header posted again 208 while pending and 400 "already on the weave" once mined', async () => {
    const upload = await bundleTx(3);
    expect(await postJson('/tx', upload.tx.toJSON())).toEqual({ code: 200, text: 'OK' });
    expect(await postJson('/tx', upload.tx.toJSON())).toEqual({ code: 208, text: 'Transaction already processed.' });
    await devnet.mine();
    expect(await postJson('/tx', upload.tx.toJSON())).toEqual({ code: 400, text: 'Transaction is already on the weave.' });
    const header = await fetch(`${devnet.url}/tx/${upload.tx.id}`);
    expect(header.status).toBe(200);
    expect(Object.keys((await header.json()) as object)).toEqual(['format', 'id', 'last_tx', 'owner', 'tags', 'target', 'quantity', 'data', 'data_size', 'data_tree', 'data_root', 'reward', 'signature']);
  });

  it('refuses a header whose wallet cannot pay: 400 when posted, then 404 on its status and 410 overspend on /tx/{id}', async () => {
    const poor = await arweave.wallets.generate();
    const tx = await arweave.createTransaction({ data: 'x'.repeat(1000) }, poor);
    await arweave.transactions.sign(tx, poor);
    expect(await postJson('/tx', tx.toJSON())).toEqual({ code: 400, text: 'Transaction verification failed.' });
    expect(await status(devnet.url, tx.id)).toMatchObject({ code: 404, text: 'Not Found.' });
    const refused = await fetch(`${devnet.url}/tx/${tx.id}`);
    expect({ code: refused.status, text: await refused.text() }).toEqual({ code: 410, text: 'overspend' });
  });

  it('refuses a forged signature and a stale anchor as a node does', async () => {
    const upload = await bundleTx(3);
    const forged = { ...upload.tx.toJSON(), reward: String(Number(upload.tx.reward) + 1) };
    expect(await postJson('/tx', forged)).toEqual({ code: 400, text: 'Transaction verification failed.' });
    expect(await (await fetch(`${devnet.url}/tx/${upload.tx.id}`)).text()).toBe('tx_signature_not_valid');
    const stale = await arweave.createTransaction({ data: 'stale', last_tx: 'A'.repeat(64) }, jwk);
    await arweave.transactions.sign(stale, jwk);
    expect(await postJson('/tx', stale.toJSON())).toEqual({ code: 400, text: 'Invalid anchor (last_tx).' });
    expect((await fetch(`${devnet.url}/tx/${stale.id}`)).status).toBe(404);
  });
});

describe('fault switches', () => {
  it('answers 503 to the next posts without keeping them', async () => {
    const upload = await bundleTx(5);
    devnet.faults.status5xx(1);
    expect((await arweave.transactions.post(upload.tx)).status).toBe(503);
    expect((await status(devnet.url, upload.tx.id)).code).toBe(404);
    expect((await arweave.transactions.post(upload.tx)).status).toBe(200);
    expect(devnet.faults.pending().status5xx).toBe(0);
  });

  it('drops a post it answered 200', async () => {
    const upload = await bundleTx(5);
    devnet.faults.drop(1);
    expect((await arweave.transactions.post(upload.tx)).status).toBe(200);
    await devnet.mine();
    expect((await status(devnet.url, upload.tx.id)).code).toBe(404);
  });

  it('delays the answer of a post it has already taken in', async () => {
    const upload = await bundleTx(5);
    devnet.faults.delay(1_500, 1);
    const sent = fetch(`${devnet.url}/tx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(upload.tx.toJSON()), signal: AbortSignal.timeout(300) });
    await expect(sent).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(await status(devnet.url, upload.tx.id)).toMatchObject({ code: 202, text: 'Pending' });
  });

  it('reorganises: a mined transaction goes back to pending, a dropped one (and its items) vanishes, and both heights move on', async () => {
    const kept = await bundleTx(3);
    const dropped = await bundleTx(3);
    for (const upload of [kept, dropped]) expect((await arweave.transactions.post(upload.tx)).status).toBe(200);
    const minedAt = await devnet.mine();
    const height = await devnet.faults.reorg(1, { drop: [dropped.tx.id] });
    expect(height).toBe(minedAt + 1);
    expect(await status(devnet.url, kept.tx.id)).toMatchObject({ code: 202, text: 'Pending' });
    expect((await status(devnet.url, dropped.tx.id)).code).toBe(404);
    expect(await transactionsByTag(devnet.url, 'Batch', dropped.batch)).toEqual([]);
    expect(((await (await fetch(`${devnet.url}/info`)).json()) as { height: number }).height).toBe(height);
    const remined = await devnet.mine();
    expect(JSON.parse((await status(devnet.url, kept.tx.id)).text)).toMatchObject({ block_indep_hash: expect.any(String) });
    expect(remined).toBe(height + 1);
  });

  it('unseenHeaders: the first chunk of the next upload gets ar.io\'s refusal (peers have not seen the header), the upload then completes', async () => {
    const upload = await bundleTx(300);
    devnet.faults.unseenHeaders(1);
    expect(devnet.faults.pending().unseenHeaders).toBe(1);
    expect((await postJson('/tx', upload.header)).code).toBe(200);
    expect(devnet.faults.pending().unseenHeaders).toBe(0);
    const early = await postJson('/chunk', upload.chunks[0]);
    expect(early.code).toBe(400);
    expect(JSON.parse(early.text)).toMatchObject({ successCount: 0, preferredSuccessCount: 0, failureCount: 3 });
    expect(early.text).not.toMatch(/data_root_not_found/);
    for (const chunk of upload.chunks) expect((await postJson('/chunk', chunk)).code).toBe(200);
    const height = await devnet.mine();
    expect(JSON.parse((await status(devnet.url, upload.tx.id)).text)).toMatchObject({ block_height: height });
  }, 60_000);

  it('refuses what it cannot do, saying what is allowed', async () => {
    expect(() => devnet.faults.unseenHeaders(1.5)).toThrow(/whole number/);
    expect(() => devnet.faults.status5xx(-1)).toThrow(/whole number/);
    await expect(devnet.faults.reorg(10_000)).rejects.toThrow(/reorg depth must be a whole number from 1 to/);
    await expect(devnet.faults.reorg(1, { drop: ['x'.repeat(43)] })).rejects.toThrow(/cannot drop/);
  });
});
