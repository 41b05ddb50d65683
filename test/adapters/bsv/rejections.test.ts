import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBsvAdapter } from '../../../adapters/bsv/index.ts';
import { batchRecords } from '../../conformance/batch-records.ts';
import { testLog } from '../../devnet-bsv/support/devnet.ts';
import { startAdapterOnDevnet, type AdapterOnDevnet } from './support/adapter-on-devnet.ts';

let t: AdapterOnDevnet;
beforeAll(async () => {
  t = await startAdapterOnDevnet({ outputs: 20 });
}, 120_000);
afterAll(async () => t?.close());

const build = (adapter = t.adapter) => adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [t.utxo()] });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('bsv adapter on the devnet: refusals and failures map to the closed reasons', () => {
  // ARC answers DOUBLE_SPEND_ATTEMPTED to both competitors, and either may still be mined: the
  // answer is not final, so the broadcast is taken and the status followed until a block settles it.
  it('double spend: the second spender is taken as pending, not requeued; after a block the first is mined and the second rejected double_spend', async () => {
    const input = t.utxo();
    const a = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    const b = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    expect(await t.adapter.broadcast(a)).toEqual({ kind: 'accepted' });
    expect(await t.adapter.broadcast(b)).toEqual({ kind: 'accepted' });
    expect(await t.adapter.status(a.txid)).toEqual({ kind: 'pending' });
    expect(await t.adapter.status(b.txid)).toEqual({ kind: 'pending' });
    t.devnet.mine(1);
    expect(await t.adapter.status(a.txid)).toMatchObject({ kind: 'mined' });
    expect(await t.adapter.status(b.txid)).toEqual({ kind: 'rejected', reason: 'double_spend', detail: 'bsv: ARC REJECTED: double spend attempted' });
  });

  it('double spend won by the later spender: its DOUBLE_SPEND_ATTEMPTED broadcast is pending, then it is mined and the first rejected', async () => {
    const input = t.utxo();
    const a = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    const b = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [input] });
    expect(await t.adapter.broadcast(a)).toEqual({ kind: 'accepted' });
    t.devnet.faults.doubleSpendWins(1);
    expect(await t.adapter.broadcast(b)).toEqual({ kind: 'accepted' });
    expect(await t.adapter.status(b.txid)).toEqual({ kind: 'pending' });
    t.devnet.mine(1);
    expect(await t.adapter.status(b.txid)).toMatchObject({ kind: 'mined' });
    expect(await t.adapter.status(a.txid)).toEqual({ kind: 'rejected', reason: 'double_spend', detail: 'bsv: ARC REJECTED: double spend attempted' });
  });

  it('5xx: unavailable, and the same bytes go through afterwards', async () => {
    const tx = await build();
    t.devnet.faults.status5xx(1);
    expect(await t.adapter.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'unavailable', detail: expect.stringMatching(/^bsv: ARC 503/) });
    expect(await t.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
  });

  it('an answer later than our timeout: timeout, though the devnet took it, so a resubmission is success', async () => {
    const impatient = t.adapterWith({ timeoutMs: 300 });
    const tx = await build(impatient);
    t.devnet.faults.delay(2_000, 1);
    expect(await impatient.broadcast(tx)).toEqual({ kind: 'rejected', reason: 'timeout', detail: 'bsv: ARC: no answer within 300 ms' });
    expect(await impatient.status(tx.txid)).toEqual({ kind: 'pending' });
    expect((await impatient.broadcast(tx)).kind).toMatch(/^(accepted|already_known)$/);
  });

  it('bytes that are no transaction: invalid', async () => {
    expect(await t.adapter.broadcast({ txid: randomBytes(32).toString('hex'), raw: randomBytes(120) })).toMatchObject({ kind: 'rejected', reason: 'invalid', detail: expect.stringMatching(/^bsv: ARC 400 Bad request/) });
  });

  it('a fee under the policy when the rate is forced below it: insufficient_fee', async () => {
    const cheap = t.adapterWith({ feeRateSatPerKb: 0, useArcPolicyFee: false });
    const tx = await build(cheap);
    expect(tx.fee).toBe(0n);
    expect(await cheap.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'insufficient_fee', detail: expect.stringMatching(/^bsv: ARC 465 Fee too low: arc error 465: transaction fee is too low/) });
  });

  it('spending an output that does not exist: missing_inputs', async () => {
    const ghost = { txid: randomBytes(32).toString('hex'), vout: 0, amount: 10_000n, lockingScript: t.utxo().lockingScript };
    const tx = await t.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [ghost] });
    expect(await t.adapter.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'missing_inputs' });
  });

  it('ARC unreachable: broadcast and status unavailable, health not ok', async () => {
    const port = await closedPort();
    const away = t.adapterWith({ arcUrl: `http://127.0.0.1:${port}`, useArcPolicyFee: false });
    const tx = await build(away);
    expect(await away.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
    expect(await away.status(tx.txid)).toMatchObject({ kind: 'rejected', reason: 'unavailable' });
    expect(await away.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/^bsv: ARC at http:\/\/127\.0\.0\.1:\d+ is unreachable/) });
  });

  it('the chain tip unreadable: a mined transaction’s status is unavailable, to be asked again', async () => {
    const tx = await build();
    await t.adapter.broadcast(tx);
    t.devnet.mine(1);
    const blind = t.adapterWith({ wocUrl: `http://127.0.0.1:${await closedPort()}/v1/bsv/regtest` });
    expect(await blind.status(tx.txid)).toMatchObject({ kind: 'rejected', reason: 'unavailable', detail: expect.stringMatching(/^bsv: WhatsOnChain chain\/info/) });
  });

  it('a transaction nobody has seen, or a txid that is none: unknown', async () => {
    expect(await t.adapter.status(randomBytes(32).toString('hex'))).toEqual({ kind: 'unknown' });
    expect(await t.adapter.status('not-a-txid')).toEqual({ kind: 'unknown' });
  });
});

describe('bsv adapter on a devnet with an API key', () => {
  let locked: AdapterOnDevnet;
  beforeAll(async () => {
    locked = await startAdapterOnDevnet({ outputs: 2, devnet: { apiKey: 'arc-key' } });
  }, 120_000);
  afterAll(async () => locked?.close());

  it('sends the key as a bearer token; without it every ARC call is unauthorized', async () => {
    const tx = await locked.adapter.build(batchRecords(1, ['bsv']), { model: 'utxo', inputs: [locked.utxo()] });
    const keyless = createBsvAdapter({ network: 'regtest', arcUrl: locked.devnet.arcUrl, wocUrl: locked.devnet.wocUrl, wocApiKey: 'arc-key', fundingKey: locked.fundingKey, useArcPolicyFee: false, log: testLog });
    expect(await keyless.broadcast(tx)).toMatchObject({ kind: 'rejected', reason: 'unauthorized', detail: 'bsv: ARC 401: {"message":"Unauthorized"}' });
    expect(await keyless.status(tx.txid)).toMatchObject({ kind: 'rejected', reason: 'unauthorized' });
    expect(await keyless.health()).toMatchObject({ ok: false });
    expect(await locked.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
    expect(await locked.adapter.health()).toMatchObject({ ok: true });
  });
});
