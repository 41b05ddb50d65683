import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LockingScript, OP, Script } from '@bsv/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcClient } from '../../../adapters/bsv/arc-client.ts';
import { resolveOptions } from '../../../adapters/bsv/bsv-adapter-options.ts';
import { feeFor, feeRateFromSatPerKb } from '../../../adapters/bsv/fee-rate.ts';
import { broadcast, fundingUtxos, startTestDevnet, testLog, type TestDevnet } from '../../devnet-bsv/support/devnet.ts';
import { buildSpend, type Utxo } from '../../devnet-bsv/support/wallet.ts';

/**
 * ARC, restated from its source (bitcoin-sv/arc internal/api/helpers.go FeesToFeeModel and
 * handler/default.go calcFeesFromBSVPerKB; go-sdk transaction/fee_model/sats_per_kb.go
 * calculateFee), independently of the code under test:
 * - the node's minminingtxfee is a float64 in BSV per kB;
 * - the validator takes uint64(fee × 1e8) sat/kB (truncated) and asks
 *   uint64(math.Ceil(float64(size) / 1000 × float64(rate)));
 * - GET /v1/policy shows satoshis = fee × 1e8 and bytes = 1000, both × 10 until satoshis is whole.
 */
const arcRate = (bsvPerKb: number) => Math.trunc(bsvPerKb * 1e8);
const arcFee = (size: number, bsvPerKb: number) => BigInt(Math.ceil((size / 1000) * arcRate(bsvPerKb)));
function arcPolicy(bsvPerKb: number): { satoshis: number; bytes: number } {
  let f = bsvPerKb * 1e8;
  let bytes = 1000;
  while (f !== Math.trunc(f)) {
    f *= 10;
    bytes *= 10;
  }
  return { satoshis: Math.trunc(f), bytes };
}

const SIZES = [...Array.from({ length: 3000 }, (_, i) => i + 61), 4480, 9999, 10_001, 100_000, 123_457, 1_000_000, 10_000_000];
// Whole sat/kB 0..500 (3, 6, 12, 29... read back below their value after × 1e8), and fractional ones.
const WHOLE = Array.from({ length: 501 }, (_, i) => i);
const FRACTIONAL = [0.001, 0.01, 0.1, 0.25, 0.5, 1.5, 2.5, 7.25, 10.125, 0.3, 0.7];

describe('bsv adapter: fees ARC’s validator accepts at every rate', () => {
  let server: Server;
  let policy: { satoshis: number; bytes: number } = { satoshis: 1, bytes: 1000 };
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // ARC writes miningFee's uint64s as JSON integers; past 2^53 JSON.stringify writes the double, which reads back the same.
      res.end(`{"policy":{"miningFee":{"bytes":${BigInt(policy.bytes)},"satoshis":${BigInt(policy.satoshis)}}},"timestamp":"${new Date().toISOString()}"}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const policyFee = () =>
    arcClient(resolveOptions({ network: 'regtest', arcUrl: url, wocUrl: `${url}/v1/bsv/regtest`, fundingKey: '11'.repeat(32), log: testLog })).policyFee();

  it('pays at least ARC’s figure at the rate ARC’s /v1/policy states, for every whole rate to 500 sat/kB and fractional ones, at many sizes', async () => {
    const short: string[] = [];
    for (const satPerKb of [...WHOLE, ...FRACTIONAL]) {
      const bsvPerKb = satPerKb / 1e8;
      policy = arcPolicy(bsvPerKb);
      const rate = await policyFee();
      if (typeof rate === 'string') throw new Error(`${satPerKb} sat/kB: ${rate}`);
      for (const size of SIZES) {
        if (feeFor(size, rate) < arcFee(size, bsvPerKb)) short.push(`${satPerKb} sat/kB, ${size} B: ${feeFor(size, rate)} < ${arcFee(size, bsvPerKb)}`);
      }
    }
    expect(short.slice(0, 10)).toEqual([]);
  });

  it('pays at least ARC’s figure at a configured rate equal to the node’s (float products such as 1100 B × 50 sat/kB = 55.000000000000007)', () => {
    const short: string[] = [];
    for (const satPerKb of [...WHOLE, ...FRACTIONAL]) {
      const rate = feeRateFromSatPerKb(satPerKb);
      for (const size of SIZES) {
        if (feeFor(size, rate) < arcFee(size, satPerKb / 1e8)) short.push(`${satPerKb} sat/kB, ${size} B`);
      }
    }
    expect(short.slice(0, 10)).toEqual([]);
    expect(feeFor(1100, feeRateFromSatPerKb(50))).toBe(56n);
  });

  it('pays no more than a satoshi over the exact fee', () => {
    for (const satPerKb of [1, 3, 50, 0.5, 7.25]) {
      const rate = feeRateFromSatPerKb(satPerKb);
      for (const size of SIZES) expect(feeFor(size, rate) - BigInt(Math.ceil((size * satPerKb) / 1000))).toBeLessThanOrEqual(1n);
    }
  });
});

/** OP_FALSE OP_RETURN <n bytes>: pads a transaction to a chosen size. */
const padding = (n: number, fill: number) => new LockingScript(new Script().writeOpCode(OP.OP_FALSE).writeOpCode(OP.OP_RETURN).writeBin(Array(n).fill(fill)).chunks);

/**
 * A signed spend of `utxo` exactly `size` bytes long paying exactly `fee`. The signature's DER
 * length varies with what is signed, so the padding's byte changes between tries.
 */
async function spendOf(utxo: Utxo, size: number, fee: number) {
  let pad = size - 230;
  let adjust = 0;
  for (let i = 0; i < 60; i++) {
    const tx = await buildSpend({ inputs: [utxo], records: 1, extra: [{ satoshis: 0, lockingScript: padding(pad, i % 256) }], feeAdjust: adjust });
    const paid = utxo.satoshis - tx.outputs.reduce((sum, o) => sum + o.satoshis!, 0);
    const actual = tx.toBinary().length;
    if (actual === size && paid === fee) return tx;
    pad += size - actual;
    adjust += fee - paid;
  }
  throw new Error(`no spend of ${size} bytes paying ${fee}`);
}

describe('bsv devnet: refuses exactly the fees ARC’s validator refuses', () => {
  // 3 sat/kB: ARC's validator takes 3e-8 × 1e8 = 2.9999999999999996, so 2 sat/kB.
  // 50 sat/kB: 1100 B asks ceil(55.000000000000007) = 56, 2200 B 111.
  for (const satPerKb of [3, 50]) {
    describe(`at ${satPerKb} sat/kB`, () => {
      let t: TestDevnet;
      let utxos: Utxo[];
      beforeAll(async () => {
        t = await startTestDevnet({ outputs: 12, minFeeSatPerKb: satPerKb });
        utxos = await fundingUtxos(t.devnet);
      }, 60_000);
      afterAll(async () => t?.close());

      it('states ARC’s float-derived policy', async () => {
        const body = (await (await fetch(`${t.devnet.arcUrl}/v1/policy`, { headers: { authorization: `Bearer ${t.devnet.apiKey ?? ''}` } })).json()) as { policy: { miningFee: unknown } };
        expect(body.policy.miningFee).toEqual(arcPolicy(satPerKb / 1e8));
      });

      for (const size of [1000, 1100, 2200, 1234]) {
        it(`${size} B: one satoshi under ARC’s fee is refused 465, ARC’s fee accepted`, async () => {
          const fee = Number(arcFee(size, satPerKb / 1e8));
          const under = await broadcast(t.devnet, (await spendOf(utxos.pop()!, size, fee - 1)).toHex());
          expect(under.status).toBe(465);
          expect(under.body.extraInfo).toBe(`arc error 465: transaction fee is too low\nminimum expected fee: ${fee}, actual fee: ${fee - 1}`);
          const exact = await broadcast(t.devnet, (await spendOf(utxos.pop()!, size, fee)).toHex());
          expect(exact.body.txStatus).toBe('SEEN_ON_NETWORK');
        });
      }
    });
  }
});
