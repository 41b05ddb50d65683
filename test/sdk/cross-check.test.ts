import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIntent, verifyIntent as serverVerifyIntent } from '../../core/intent/index.ts';
import { arweaveRsaPssScheme, secp256k1Scheme } from '../../core/schemes/index.ts';
import {
  PublisherSdkError,
  buildIntent,
  creatorAddress,
  exportKey,
  generateKey,
  importKey,
  recordIdOf,
  signIntent,
  verifyIntent,
  type ArweaveRsaPssKey,
  type Secp256k1Key,
  type SigningKey,
} from '../../sdk/index.ts';
import { newCreator } from '../support/creator.ts';

let secp: Secp256k1Key;
let rsa: ArweaveRsaPssKey;
beforeAll(async () => {
  secp = await generateKey('secp256k1');
  rsa = await generateKey('arweave-rsa-pss');
}, 120_000);

const record = { type: 'post', body: 'hello from the SDK', tags: ['a', 'b'], n: 0.1 };
const sign = (key: SigningKey, targets = ['arweave', 'bsv']) => signIntent(buildIntent({ record, targets, signer: key }), key);

describe.each([
  ['secp256k1', () => secp],
  ['arweave-rsa-pss', () => rsa],
] as const)('%s: what the SDK signs, the node accepts', (_scheme, key) => {
  it('passes the node\'s parseIntent + verifyIntent with the same record id', async () => {
    const text = await sign(key());
    const verified = serverVerifyIntent(parseIntent(text));
    expect(verified.recordId).toBe(recordIdOf(text));
    expect(verified.scheme.address(verified.publicKey, 'test')).toBe(creatorAddress(key(), 'test'));
    expect(await verifyIntent(text)).toBe(true);
  });

  it('defaults the nonce to 16 random bytes and the timestamp to now, with milliseconds and Z', async () => {
    const before = Date.now();
    const envelope = buildIntent({ record, targets: ['bsv'], signer: key() });
    expect(Buffer.from(envelope.nonce, 'base64url')).toHaveLength(16);
    expect(envelope.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(envelope.timestamp)).toBeGreaterThanOrEqual(before - 1);
    expect(buildIntent({ record, targets: ['bsv'], signer: key() }).nonce).not.toBe(envelope.nonce);
  });

  it('survives export and import with the same public key and working signatures', async () => {
    const again = await importKey(await exportKey(key()));
    expect(again.publicKey).toBe(key().publicKey);
    serverVerifyIntent(parseIntent(await sign(again)));
  });
});

describe('what the node\'s schemes sign, the SDK verifies', () => {
  it('secp256k1Scheme.sign', async () => {
    const text = newCreator(secp256k1Scheme).intent({ targets: ['bsv'] });
    expect(await verifyIntent(text)).toBe(true);
    expect(await verifyIntent(text.replace('"bsv"', '"arweave"'))).toBe(false);
  });

  it('arweaveRsaPssScheme.sign', async () => {
    const { privateKeyPkcs8Base64 } = await import('./support/doc-vectors.ts').then((m) => m.docVectors.rsaIntent);
    const text = newCreator(arweaveRsaPssScheme, Buffer.from(privateKeyPkcs8Base64, 'base64')).intent({ targets: ['arweave'] });
    expect(await verifyIntent(text)).toBe(true);
  });
});

describe('keys', () => {
  it('secp256k1: compressed hex public key; secret exported as 64 hex characters', async () => {
    expect(secp.publicKey).toMatch(/^0[23][0-9a-f]{64}$/);
    const exported = await exportKey(secp);
    expect(exported).toEqual({ scheme: 'secp256k1', secretKeyHex: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(creatorAddress(secp, 'mainnet')).toMatch(/^1/);
    expect(creatorAddress(secp, 'test')).toMatch(/^[mn]/);
  });

  it('arweave-rsa-pss: the JWK is an Arweave wallet that node:crypto reads as the same 4096-bit key', async () => {
    const exported = await exportKey(rsa);
    if (exported.scheme !== 'arweave-rsa-pss') throw new Error('expected an RSA export');
    expect(Object.keys(exported.jwk).sort()).toEqual(['d', 'dp', 'dq', 'e', 'kty', 'n', 'p', 'q', 'qi']);
    expect(exported.jwk.e).toBe('AQAB');
    expect(Buffer.from(rsa.publicKey, 'base64url')).toHaveLength(512);
    const nodeKey = createPrivateKey({ key: exported.jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
    expect(nodeKey.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(creatorAddress(rsa, 'mainnet')).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from(rsa.publicKey, 'base64url'))).toString('base64url'));
  });

  it('refuses a non-extractable key on export, and bad keys on import, with INVALID_KEY', async () => {
    const exported = await exportKey(rsa);
    const locked = await importKey(exported, { extractable: false });
    await expect(exportKey(locked)).rejects.toMatchObject({ name: 'PublisherSdkError', reason: 'INVALID_KEY' });
    await expect(importKey({ scheme: 'secp256k1', secretKeyHex: '00'.repeat(32) })).rejects.toMatchObject({ reason: 'INVALID_KEY' });
    await expect(importKey({ scheme: 'secp256k1', secretKeyHex: 'zz' })).rejects.toMatchObject({ reason: 'INVALID_KEY' });
    if (exported.scheme !== 'arweave-rsa-pss') throw new Error('expected an RSA export');
    await expect(importKey({ scheme: 'arweave-rsa-pss', jwk: { ...exported.jwk, e: 'Aw' } })).rejects.toMatchObject({ reason: 'INVALID_KEY' });
  });
});

describe('refusals before signing', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PublisherSdkError);
      return error as PublisherSdkError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['a record that is not an object', { record: [1] }, 'record'],
    ['a record with NaN', { record: { n: Number.NaN } }, 'record.n'],
    ['a record with undefined', { record: { u: undefined } }, 'record.u'],
    ['a record with a lone surrogate', { record: { s: '\ud800' } }, 'record.s'],
    ['a record reaching depth 33', { record: JSON.parse(`${'{"a":'.repeat(32)}1${'}'.repeat(32)}`) as object }, expect.stringMatching(/^record/)],
    ['no targets', { targets: [] }, 'targets'],
    ['a repeated target', { targets: ['bsv', 'bsv'] }, 'targets'],
    ['a target name with capitals', { targets: ['BSV'] }, 'targets'],
    ['a short nonce', { nonce: 'AAAA' }, 'nonce'],
    ['a padded nonce', { nonce: 'AQEBAQEBAQEBAQEBAQEBAQ==' }, 'nonce'],
    ['a timestamp with an offset', { timestamp: '2026-11-21T23:00:00+01:00' }, 'timestamp'],
    ['a timestamp on 30 February', { timestamp: '2026-02-30T00:00:00Z' }, 'timestamp'],
    ['a leap second', { timestamp: '2026-12-31T23:59:60Z' }, 'timestamp'],
    ['an unknown scheme', { signer: { scheme: 'ed25519', publicKey: 'x' } }, 'signer.scheme'],
    ['an uppercase public key', { signer: { scheme: 'secp256k1', publicKey: '034F355BDCB7CC0AF728EF3CCEB9615D90684BB5B2CA5F859AB0F0B704075871AA' } }, 'signer.publicKey'],
  ])('%s is INVALID_INPUT naming the field', (_name, override, field) => {
    const error = refusal(() => buildIntent({ record: { a: 1 }, targets: ['bsv'], signer: secp, ...(override as object) }));
    expect(error.name).toBe('PublisherSdkError');
    expect(error.reason).toBe('INVALID_INPUT');
    expect(error.metadata['field']).toEqual(field);
  });

  it('accepts a record reaching depth 32 (the envelope being depth 1), as the node does', async () => {
    const deepest = JSON.parse(`${'{"a":'.repeat(31)}1${'}'.repeat(31)}`) as object;
    const text = await signIntent(buildIntent({ record: deepest, targets: ['bsv'], signer: secp }), secp);
    expect(serverVerifyIntent(parseIntent(text)).recordId).toBe(recordIdOf(text));
  });

  it('refuses to sign with a key the envelope does not name (KEY_MISMATCH)', async () => {
    const envelope = buildIntent({ record, targets: ['bsv'], signer: secp });
    await expect(signIntent(envelope, rsa)).rejects.toMatchObject({ name: 'PublisherSdkError', reason: 'KEY_MISMATCH' });
  });
});
