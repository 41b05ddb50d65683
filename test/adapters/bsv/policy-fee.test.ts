import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcClient } from '../../../adapters/bsv/arc-client.ts';
import { resolveOptions } from '../../../adapters/bsv/bsv-adapter-options.ts';
import { feeFor } from '../../../adapters/bsv/fee-rate.ts';
import { testLog } from '../../devnet-bsv/support/devnet.ts';

let miningFee: unknown;
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ policy: { miningFee }, timestamp: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const policyFee = () =>
  arcClient(resolveOptions({ network: 'regtest', arcUrl: url, wocUrl: `${url}/v1/bsv/regtest`, fundingKey: '11'.repeat(32), log: testLog })).policyFee();

describe('bsv adapter: ARC’s policy miningFee as float-rounded values', () => {
  // ARC derives the fee from the node's minminingtxfee (BSV per kB) in floating point, so a policy of
  // 3 sat/kB may read 2.9999999999999996; ARC's validator truncates it. Before the fix the client
  // refused any non-integer and fell back to the configured rate, below ARC's.
  it('takes a float-rounded rate such as 29999999999999996 / 1e19 as at least the rate it stands for, never under ARC’s truncation', async () => {
    for (const satoshis of [29999999999999996 / 1e19, 2.9999999999999996, 0.30000000000000004]) {
      miningFee = { satoshis, bytes: 1000 };
      const rate = await policyFee();
      if (typeof rate === 'string') throw new Error(rate);
      const intended = Math.round(satoshis * 1000); // thousandths of a satoshi per 1000 bytes
      expect(rate).toEqual({ satoshis: BigInt(intended), bytes: 1_000_000n });
      for (const size of [1, 250, 999, 1000, 1001, 123_457, 10_000_000]) {
        // ARC's validator truncates the float: paying the intended rate is never less.
        expect(feeFor(size, rate)).toBeGreaterThanOrEqual(BigInt(Math.ceil((size * Math.trunc(satoshis * 1000)) / 1_000_000)));
      }
    }
  });

  it('keeps a fractional rate such as 0.5 sat/kB exact, and whole rates as they are', async () => {
    miningFee = { satoshis: 0.5, bytes: 1000 };
    expect(await policyFee()).toEqual({ satoshis: 500n, bytes: 1_000_000n });
    miningFee = { satoshis: 50, bytes: 1000 };
    expect(await policyFee()).toEqual({ satoshis: 50n, bytes: 1000n });
  });

  it('refuses a negative, infinite or missing fee', async () => {
    for (const bad of [{ satoshis: -1, bytes: 1000 }, { satoshis: 1, bytes: 0 }, { bytes: 1000 }, 'x']) {
      miningFee = bad;
      expect(await policyFee()).toMatch(/^ARC policy: HTTP 200 without a usable miningFee$/);
    }
  });
});
