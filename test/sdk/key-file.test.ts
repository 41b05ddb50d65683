import { describe, expect, it } from 'vitest';
import {
  buildIntent,
  exportKey,
  exportKeyFile,
  generateKey,
  importKeyFile,
  parseKeyFile,
  signIntent,
  type ArweaveJwk,
  type PublisherSdkError,
  type SigningKey,
} from '../../sdk/index.ts';
import { newArweaveJwk } from './support/rsa-jwk.ts';

/** The secp256k1 key 1, whose public key is the generator point: a fixed example of the format. */
const ONE = '0000000000000000000000000000000000000000000000000000000000000001';
const G = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';

async function signatureOf(key: SigningKey): Promise<string> {
  return signIntent(buildIntent({ record: { type: 'post' }, targets: ['bsv'], signer: key, nonce: 'AAAAAAAAAAAAAAAAAAAAAA', timestamp: '2025-01-01T00:00:00.000Z' }), key);
}

function refusal(run: () => unknown): PublisherSdkError {
  try {
    run();
  } catch (error) {
    return error as PublisherSdkError;
  }
  throw new Error('expected a refusal');
}

describe('key files: one format for the web page, the SDK and the CLI', () => {
  it('writes {type, version, scheme, publicKey, secretKeyHex} for secp256k1, in that order, and reads it back as the same key', async () => {
    const key = await importKeyFile({ scheme: 'secp256k1', secretKeyHex: ONE });
    const file = await exportKeyFile(key);
    expect(JSON.stringify(file)).toBe(`{"type":"chain-publisher-key","version":1,"scheme":"secp256k1","publicKey":"${G}","secretKeyHex":"${ONE}"}`);
    const again = await importKeyFile(JSON.parse(JSON.stringify(file)));
    expect(again.publicKey).toBe(G);
    expect(await signatureOf(again)).toBe(await signatureOf(key));
  });

  it('writes an RSA key with its Arweave wallet JWK and reads it back as the same key', async () => {
    const key = await generateKey('arweave-rsa-pss');
    const file = await exportKeyFile(key);
    expect(file).toMatchObject({ type: 'chain-publisher-key', version: 1, scheme: 'arweave-rsa-pss', publicKey: key.publicKey, jwk: { kty: 'RSA', n: key.publicKey, e: 'AQAB' } });
    const again = await importKeyFile(JSON.parse(JSON.stringify(file)));
    expect(again).toMatchObject({ scheme: 'arweave-rsa-pss', publicKey: key.publicKey });
    expect(parseKeyFile(file).secret).toEqual({ scheme: 'arweave-rsa-pss', jwk: file.scheme === 'arweave-rsa-pss' ? file.jwk : undefined });
  }, 60_000);

  it('reads the older forms: the CLI file, exportKey (the page\'s former export), a bare Arweave wallet, public-only files', async () => {
    const wallet: ArweaveJwk = newArweaveJwk();
    const cases: [string, unknown, { scheme: string; publicKey: string; secret: boolean }][] = [
      ['the former CLI file', { scheme: 'secp256k1', publicKey: G, secretKeyHex: ONE }, { scheme: 'secp256k1', publicKey: G, secret: true }],
      ["the page's former export", { scheme: 'secp256k1', secretKeyHex: ONE }, { scheme: 'secp256k1', publicKey: G, secret: true }],
      ['exportKey of an RSA key', { scheme: 'arweave-rsa-pss', jwk: wallet }, { scheme: 'arweave-rsa-pss', publicKey: wallet.n, secret: true }],
      ['a bare Arweave wallet', wallet, { scheme: 'arweave-rsa-pss', publicKey: wallet.n, secret: true }],
      ['keygen --json output', { file: '/tmp/a.json', scheme: 'secp256k1', publicKey: G, addresses: {} }, { scheme: 'secp256k1', publicKey: G, secret: false }],
      ['a public-only key file', { type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', publicKey: G }, { scheme: 'secp256k1', publicKey: G, secret: false }],
    ];
    for (const [what, value, expected] of cases) {
      const parsed = parseKeyFile(value);
      expect({ scheme: parsed.scheme, publicKey: parsed.publicKey, secret: parsed.secret !== undefined }, what).toEqual(expected);
      if (expected.secret) expect((await importKeyFile(value)).publicKey, what).toBe(expected.publicKey);
    }
    expect(parseKeyFile(await exportKey(await importKeyFile({ scheme: 'secp256k1', secretKeyHex: ONE }))).publicKey).toBe(G);
  }, 60_000);

  it.each([
    ['not an object', [], 'INVALID_KEY', /a key file must be a JSON object/],
    ['another type', { type: 'wallet', version: 1, scheme: 'secp256k1', publicKey: G }, 'INVALID_KEY', /"type" is "wallet", not "chain-publisher-key"/],
    ['a later version', { type: 'chain-publisher-key', version: 2, scheme: 'secp256k1', publicKey: G }, 'INVALID_KEY', /"version" is 2; only version 1 is known here/],
    ['no publicKey in the current format', { type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', secretKeyHex: ONE }, 'INVALID_KEY', /no "publicKey" member/],
    ['no scheme', { publicKey: G }, 'INVALID_KEY', /no "scheme"/],
    ['neither key', { scheme: 'secp256k1' }, 'INVALID_KEY', /neither a "publicKey" nor a private key/],
    ['a bad public key', { scheme: 'secp256k1', publicKey: 'AB' }, 'INVALID_KEY', /not a secp256k1 public key/],
    ['a bad secret key', { scheme: 'secp256k1', secretKeyHex: '00'.repeat(32) }, 'INVALID_KEY', /64 hex characters encoding a number from 1 to n - 1/],
    ['another key\'s public key', { scheme: 'secp256k1', publicKey: `03${G.slice(2)}`, secretKeyHex: ONE }, 'KEY_MISMATCH', /not the public key of the private key beside it/],
  ])('refuses %s with %s', (_what, value, reason, message) => {
    const error = refusal(() => parseKeyFile(value));
    expect(error).toMatchObject({ name: 'PublisherSdkError', reason });
    expect(error.message).toMatch(message);
  });

  it('refuses to import a public-only file, saying it has no private key', async () => {
    await expect(importKeyFile({ type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', publicKey: G })).rejects.toMatchObject({
      reason: 'INVALID_KEY',
      message: expect.stringContaining('public key only'),
    });
  });
});
