import { BigNumber, LockingScript, OP, Script, Signature, UnlockingScript, type Transaction } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcStatus, broadcast, fundingUtxos, legacyVerdict, startTestDevnet, type ArcJson, type TestDevnet } from './support/devnet.ts';
import { LEGACY_LOW_S, LEGACY_STANDARD_FLAGS } from './support/legacy-verify.ts';
import { buildSpend, fundingLock, toEF, type Utxo } from './support/wallet.ts';

let t: TestDevnet;
let utxos: Utxo[];
let next = 0;
const utxo = (): Utxo => utxos[next++]!;
beforeAll(async () => {
  t = await startTestDevnet({ outputs: 30 });
  utxos = await fundingUtxos(t.devnet);
});
afterAll(async () => t?.close());

/** ARC's RFC 7807 answer for `status`, with the validator's `arc error <status>: ` prefix. */
function expectProblem(answer: { status: number; body: ArcJson }, status: number, title: string, extraInfo: RegExp, txid?: string): void {
  expect(answer.status).toBe(status);
  expect(Object.keys(answer.body)).toEqual(['detail', 'extraInfo', 'instance', 'status', 'title', 'txid', 'type']);
  expect(answer.body).toMatchObject({ status, title, instance: null, type: `https://bitcoin-sv.github.io/arc/#/errors?id=_${status}` });
  expect(answer.body.extraInfo).toMatch(extraInfo);
  if (txid) expect(answer.body.txid).toBe(txid);
}

const SECP256K1_ORDER = new BigNumber('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 16);

/** The same signature with S replaced by n − S: still a valid ECDSA signature, but high-S. */
function withHighS(tx: Transaction): void {
  const [sigChunk, keyChunk] = tx.inputs[0]!.unlockingScript!.chunks;
  const der = sigChunk!.data!;
  const sig = Signature.fromDER(der.slice(0, -1));
  const high = new Signature(sig.r, SECP256K1_ORDER.sub(sig.s)).toDER() as number[];
  tx.inputs[0]!.unlockingScript = new UnlockingScript(new Script().writeBin([...high, der[der.length - 1]!]).writeBin(keyChunk!.data!).chunks);
}

describe('bsv devnet: ARC refusals', () => {
  it('refuses a signature that does not sign the transaction with 461, and stores nothing', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    tx.outputs[1]!.satoshis! -= 1; // signed before this change, so the signature no longer matches
    const answer = await broadcast(t.devnet, tx.toHex());
    expectProblem(answer, 461, 'Malformed transaction', /^arc error 461: script execution failed\ninput 0: /, tx.id('hex'));
    expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual(['input 0: SCRIPT_ERR_NULLFAIL']);
    expect((await arcStatus(t.devnet, tx.id('hex'))).status).toBe(404);
  });

  it('refuses a high-S signature with 461, though it verifies when low S is not required', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    withHighS(tx);
    const answer = await broadcast(t.devnet, tx.toHex());
    // @bsv/sdk 2.1.0 reports its low-S failure as "The signature format is invalid" (its own catch
    // swallows the first message); the legacy interpreter shows that low S is the only fault.
    expectProblem(answer, 461, 'Malformed transaction', /^arc error 461: script execution failed\ninput 0: /);
    expect(await legacyVerdict(t.devnet, tx.toHex())).toEqual(['input 0: SCRIPT_ERR_SIG_DER_HIGH_S']);
    expect(await legacyVerdict(t.devnet, tx.toHex(), LEGACY_STANDARD_FLAGS & ~LEGACY_LOW_S)).toEqual([]);
  });

  it('refuses an input whose parent transaction does not exist with 460, raw or EF', async () => {
    const ghost = { txid: 'cd'.repeat(32), vout: 0, satoshis: 5000 };
    const tx = await buildSpend({ inputs: [ghost], records: 1 });
    expectProblem(await broadcast(t.devnet, tx.toHex()), 460, 'Not extended format', /^arc error 460: parent transaction not found$/);
    expectProblem(await broadcast(t.devnet, toEF(tx, [ghost])), 460, 'Not extended format', /parent transaction not found/);
  });

  it('answers a double spend of a mempool output DOUBLE_SPEND_ATTEMPTED with the competing txid, then settles it when a block is mined', async () => {
    const shared = utxo();
    const first = await buildSpend({ inputs: [shared], records: 1 });
    const second = await buildSpend({ inputs: [shared], records: 2 });
    expect((await broadcast(t.devnet, first.toHex())).body.txStatus).toBe('SEEN_ON_NETWORK');
    const answer = await broadcast(t.devnet, second.toHex());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ txStatus: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [first.id('hex')], txid: second.id('hex') });
    expect((await arcStatus(t.devnet, first.id('hex'))).body).toMatchObject({ txStatus: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [second.id('hex')] });
    expect((await broadcast(t.devnet, second.toHex())).body.txStatus).toBe('DOUBLE_SPEND_ATTEMPTED');

    const [block] = t.devnet.mine(1);
    expect(block!.txids).toContain(first.id('hex'));
    expect(block!.txids).not.toContain(second.id('hex'));
    expect((await arcStatus(t.devnet, first.id('hex'))).body).toMatchObject({ txStatus: 'MINED', extraInfo: 'previously double spend attempted' });
    expect((await arcStatus(t.devnet, second.id('hex'))).body).toMatchObject({ txStatus: 'REJECTED', extraInfo: 'double spend attempted' });

    const third = await buildSpend({ inputs: [shared], records: 3 });
    expect((await broadcast(t.devnet, third.toHex())).body).toMatchObject({ txStatus: 'DOUBLE_SPEND_ATTEMPTED', competingTxs: [first.id('hex')] });
    t.devnet.mine(1);
    expect((await arcStatus(t.devnet, third.id('hex'))).body.txStatus).toBe('REJECTED');
  });

  it('refuses a fee under 1 sat/kB, rounded up as ARC rounds, with 465', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1, feeAdjust: -1 });
    expectProblem(await broadcast(t.devnet, tx.toHex()), 465, 'Fee too low', /^arc error 465: transaction fee is too low\nminimum expected fee: 1, actual fee: 0$/);
  });

  it('refuses OP_RETURN outputs carrying satoshis with 464, with or without OP_FALSE', async () => {
    const data = (prefix: number[]) => new LockingScript([...prefix.map((op) => ({ op })), { op: 4, data: [1, 2, 3, 4] }]);
    for (const prefix of [[OP.OP_FALSE, OP.OP_RETURN], [OP.OP_RETURN]]) {
      const tx = await buildSpend({ inputs: [utxo()], records: 2, extra: [{ satoshis: 1, lockingScript: data(prefix) }] });
      expectProblem(await broadcast(t.devnet, tx.toHex()), 464, 'Invalid outputs', /^arc error 464: transaction output is invalid\noutput 2 has non 0 value op return$/);
    }
  });

  it('refuses a 0-satoshi output that is not data (dust) with 464', async () => {
    const tx = await buildSpend({ inputs: [utxo()], extra: [{ satoshis: 0, lockingScript: fundingLock }] });
    expectProblem(await broadcast(t.devnet, tx.toHex()), 464, 'Invalid outputs', /output 0 satoshis is invalid/);
  });

  it('answers 400 to bodies that are not transactions', async () => {
    expectProblem(await broadcast(t.devnet, 'zz11'), 400, 'Bad request', /encoding\/hex: invalid byte/);
    expectProblem(await broadcast(t.devnet, 'deadbeef'), 400, 'Bad request', /transaction truncated/);
    expectProblem(await broadcast(t.devnet, ''), 400, 'Bad request', /empty request body/);
    expectProblem(await broadcast(t.devnet, '00', { contentType: 'application/xml' }), 400, 'Bad request', /content-type application\/xml/);
  });

  it('answers 400 to a status X-WaitFor does not know and to X-MaxTimeout over 30 s', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1 });
    expectProblem(await broadcast(t.devnet, tx.toHex(), { headers: { 'X-WaitFor': 'DONE' } }), 400, 'Bad request', /status not supported/);
    expectProblem(await broadcast(t.devnet, tx.toHex(), { headers: { 'X-MaxTimeout': '31' } }), 400, 'Bad request', /max timeout/);
    expectProblem(await broadcast(t.devnet, tx.toHex(), { headers: { 'X-CallbackUrl': 'not a url' } }), 400, 'Bad request', /invalid callback URL/);
  });

  it('rejects a transaction version other than 1 or 2 as the node does: 200 with REJECTED', async () => {
    const tx = await buildSpend({ inputs: [utxo()], records: 1, version: 3 });
    const answer = await broadcast(t.devnet, tx.toHex());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ txStatus: 'REJECTED', extraInfo: 'invalid transaction: version' });
    expect((await arcStatus(t.devnet, tx.id('hex'))).body.txStatus).toBe('REJECTED');
  });
});

describe('bsv devnet: size policy and API key', () => {
  it('refuses transactions over maxTxSizePolicy with 474 and requests without the bearer key with 401', async () => {
    const small = await startTestDevnet({ maxTxSizePolicy: 300, apiKey: 'devnet-secret' });
    try {
      const [input] = await fundingUtxos(small.devnet);
      const tx = await buildSpend({ inputs: [input!], records: 3 });
      expectProblem(await broadcast(small.devnet, tx.toHex()), 474, 'Transaction size validation failed', /greater than 300 bytes/);
      const anonymous = await fetch(`${small.devnet.arcUrl}/v1/tx`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: tx.toHex() });
      expect(anonymous.status).toBe(401);
      expect((await fetch(`${small.devnet.wocUrl}/chain/info`, { headers: { authorization: 'devnet-secret' } })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
