import { generateKeyPairSync } from 'node:crypto';
import Arweave from 'arweave';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArweaveAdapterError, createArweaveAdapter, type ArweaveAdapterOptions } from '../../../adapters/arweave/index.ts';
import { newWallet, quietLog } from './support.ts';

let wallet: JWKInterface;
const options = (extra: Partial<ArweaveAdapterOptions> = {}): ArweaveAdapterOptions => ({ gatewayUrl: 'http://127.0.0.1:9', network: 'devnet', wallet, log: quietLog, ...extra });
const refused = (extra: Partial<ArweaveAdapterOptions>, message: RegExp) => {
  let error: unknown;
  try {
    createArweaveAdapter(options(extra));
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ArweaveAdapterError);
  expect(error).toMatchObject({ name: 'ArweaveAdapterError', reason: 'options', message: expect.stringMatching(/^arweave: /) });
  expect((error as Error).message).toMatch(message);
};

beforeAll(async () => {
  wallet = await newWallet();
});

describe('createArweaveAdapter', () => {
  it('describes itself: name, network, the wallet address as operator, account funding, defaults', async () => {
    const adapter = createArweaveAdapter(options());
    expect(adapter.name).toBe('arweave');
    expect(adapter.network).toBe('devnet');
    expect(adapter.operatorAddress).toBe(await Arweave.init({}).wallets.jwkToAddress(wallet));
    expect(adapter.funding.model).toBe('account');
    expect(adapter.capabilities).toEqual({ maxRecordsPerTransaction: 500, maxRecordBytes: 10 * 1024 * 1024, confirmationDepth: 18 });
  });

  it('carries one record per transaction in l1 mode, and takes the sizes it is given', () => {
    expect(createArweaveAdapter(options({ mode: 'l1' })).capabilities.maxRecordsPerTransaction).toBe(1);
    expect(createArweaveAdapter(options({ maxRecordsPerTransaction: 50, confirmationDepth: 3 })).capabilities).toMatchObject({ maxRecordsPerTransaction: 50, confirmationDepth: 3 });
  });

  it('refuses unusable options, saying which and why', () => {
    refused({ mode: 'l2' as never }, /mode must be one of bundle, l1/);
    refused({ mode: 'l1', maxRecordsPerTransaction: 5 }, /l1 mode carries one record per transaction/);
    refused({ network: ' ' }, /network must be a non-empty name/);
    refused({ gatewayUrl: 'arweave.net' }, /gatewayUrl must be an http\(s\) URL/);
    refused({ gatewayUrl: 'ftp://arweave.net' }, /gatewayUrl must be an http\(s\) URL/);
    refused({ gatewayUrl: 'https://arweave.net/?x=1' }, /query or fragment/);
    refused({ maxRecordsPerTransaction: 0 }, /maxRecordsPerTransaction must be a whole number ≥ 1/);
    refused({ confirmationDepth: 1.5 }, /confirmationDepth must be a whole number ≥ 1/);
    refused({ timeoutMs: -1 }, /timeoutMs must be a whole number ≥ 1/);
  });

  it('refuses a wallet that is not a private RSA-4096 Arweave key', () => {
    const { n, e } = wallet;
    refused({ wallet: { kty: 'RSA', n, e } }, /private members/);
    const small = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWKInterface;
    refused({ wallet: small }, /RSA-4096/);
  });

  it('refuses a wallet whose private members do not belong to its modulus (a corrupted wallet file)', async () => {
    const other = await newWallet();
    refused({ wallet: { ...wallet, n: other.n } }, /private members do not belong to its modulus n/);
  });

  it('drops a trailing slash from the gateway URL', async () => {
    const adapter = createArweaveAdapter(options({ gatewayUrl: 'http://127.0.0.1:9/', timeoutMs: 500 }));
    expect((await adapter.health()).detail).toMatch(/^arweave: GET http:\/\/127\.0\.0\.1:9\/info failed/);
  });
});
