import { randomBytes } from 'node:crypto';
import { PrivateKey, Utils } from '@bsv/sdk';
import { describe, expect, it } from 'vitest';
import { BsvAdapterError, createBsvAdapter, type BsvAdapterOptions } from '../../../adapters/bsv/index.ts';
import { testLog } from '../../devnet-bsv/support/devnet.ts';

const secret = randomBytes(32).toString('hex');
const sdkKey = PrivateKey.fromHex(secret);
const base: BsvAdapterOptions = { network: 'regtest', arcUrl: 'http://127.0.0.1:9', wocUrl: 'http://127.0.0.1:9/v1/bsv/regtest', fundingKey: secret, log: testLog };
const create = (options: Partial<BsvAdapterOptions>) => createBsvAdapter({ ...base, ...options });

describe('bsv adapter: options and the funding key', () => {
  it('derives the funding address with the network’s prefix: 0x00 on mainnet, 0x6f on testnet and regtest', () => {
    expect(create({ network: 'mainnet' }).operatorAddress).toBe(sdkKey.toAddress('mainnet'));
    expect(create({ network: 'testnet' }).operatorAddress).toBe(sdkKey.toAddress('testnet'));
    expect(create({ network: 'regtest' }).operatorAddress).toBe(sdkKey.toAddress('testnet'));
    expect(create({ network: 'mainnet' }).operatorAddress).toMatch(/^1/);
    expect(create({ network: 'regtest' }).operatorAddress).toMatch(/^[mn]/);
  });

  it('takes a compressed-key WIF of its network as well as 64 hex characters', () => {
    expect(create({ network: 'mainnet', fundingKey: sdkKey.toWif([0x80]) }).operatorAddress).toBe(sdkKey.toAddress('mainnet'));
    expect(create({ network: 'regtest', fundingKey: sdkKey.toWif([0xef]) }).operatorAddress).toBe(sdkKey.toAddress('testnet'));
  });

  it('refuses a WIF of another network, an uncompressed WIF, garbage and an out-of-range secret', () => {
    expect(() => create({ network: 'regtest', fundingKey: sdkKey.toWif([0x80]) })).toThrow('bsv: fundingKey is a WIF for another network: prefix 0x80, regtest uses 0xef');
    const uncompressed = Utils.toBase58Check(Array.from(Buffer.from(secret, 'hex')), [0x80]);
    expect(() => create({ network: 'mainnet', fundingKey: uncompressed })).toThrow('bsv: fundingKey must be the WIF of a compressed key (33 bytes ending 0x01)');
    expect(() => create({ fundingKey: 'not a key' })).toThrow('bsv: fundingKey is neither 64 hex characters nor a WIF (base58check)');
    expect(() => create({ fundingKey: '00'.repeat(32) })).toThrow('bsv: fundingKey is not a valid secp256k1 secret (it must be from 1 to n - 1)');
  });

  it('refuses bad options with a BsvAdapterError naming the option', () => {
    const refusals: Array<[Partial<BsvAdapterOptions>, string]> = [
      [{ network: 'main' as BsvAdapterOptions['network'] }, 'bsv: network must be one of mainnet, testnet, regtest, got "main"'],
      [{ arcUrl: 'ftp://arc' }, 'bsv: arcUrl must be an http(s) URL, got "ftp://arc"'],
      [{ wocUrl: 'nowhere' }, 'bsv: wocUrl must be an http(s) URL, got "nowhere"'],
      [{ broadcaster: 'node' as 'arc' }, 'bsv: broadcaster must be "arc" or "woc", got "node"'],
      [{ feeRateSatPerKb: -1 }, 'bsv: feeRateSatPerKb must be a number ≥ 0, got -1'],
      [{ feeRateSatPerKb: 0.0001 }, 'bsv: feeRateSatPerKb takes at most 3 decimals, got 0.0001'],
      [{ maxRecordsPerTransaction: 0 }, 'bsv: maxRecordsPerTransaction must be a whole number ≥ 1, got 0'],
      [{ confirmationDepth: 1.5 }, 'bsv: confirmationDepth must be a whole number ≥ 1, got 1.5'],
      [{ callbackToken: 'secret' }, 'bsv: callbackToken needs a callbackUrl'],
      [{ callbackUrl: 'http://localhost:8080/chains/bsv/arc-callback' }, 'bsv: ARC refuses callback URLs containing "http://localhost" (400 "callback URL not acceptable" to every broadcast), got "http://localhost:8080/chains/bsv/arc-callback": give an address ARC can reach'],
      [{ callbackUrl: 'https://localhost/cb' }, 'bsv: ARC refuses callback URLs containing "https://localhost" (400 "callback URL not acceptable" to every broadcast), got "https://localhost/cb": give an address ARC can reach'],
      [{ callbackUrl: '/chains/bsv/arc-callback' }, 'bsv: callbackUrl must be an absolute http(s) URL, got "/chains/bsv/arc-callback"'],
      [{ arcApiKey: '' }, 'bsv: arcApiKey must not be empty; leave it out instead'],
    ];
    for (const [options, message] of refusals) {
      let thrown: unknown;
      try {
        create(options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(BsvAdapterError);
      expect(thrown).toMatchObject({ name: 'BsvAdapterError', message });
    }
  });

  it('states its capabilities from the options: 1000 records and 1 confirmation by default', () => {
    expect(create({}).capabilities).toEqual({ maxRecordsPerTransaction: 1000, maxRecordBytes: 1103, confirmationDepth: 1 });
    expect(create({ maxRecordsPerTransaction: 5000, confirmationDepth: 6, feeRateSatPerKb: 0.5 }).capabilities).toMatchObject({ maxRecordsPerTransaction: 5000, confirmationDepth: 6 });
    expect(create({}).name).toBe('bsv');
    expect(create({ network: 'testnet' }).network).toBe('testnet');
  });
});
