import { constants, createPrivateKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../core/canonical/index.ts';
import { parseIntent, verifyIntent } from '../../core/intent/index.ts';
import { arweaveRsaPssScheme as scheme } from '../../core/schemes/index.ts';
import { LruCache } from '../../core/schemes/lru-cache.ts';
import { expectRefusal } from './support/expect-refusal.ts';
import { baseEnvelope, signEnvelope } from './support/signed-envelope.ts';

// A 4096-bit key takes about a second to generate: one per file.
let privateKey: Uint8Array;
let publicKey: Uint8Array;
const digest = sha256('a record digest');

beforeAll(() => {
  privateKey = scheme.generatePrivateKey();
  publicKey = scheme.publicKeyFromPrivate(privateKey);
});

const flipped = (bytes: Uint8Array, index: number): Uint8Array => {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 1;
  return copy;
};

describe('arweave-rsa-pss', () => {
  it('round-trips sign and verify, and randomizes the salt', () => {
    const first = scheme.sign(digest, privateKey);
    const second = scheme.sign(digest, privateKey);
    expect(first.length).toBe(512);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
    expect(scheme.verify(digest, first, publicKey)).toBe(true);
    expect(scheme.verify(digest, second, publicKey)).toBe(true);
  });

  it('verifies a signature made independently with node:crypto and salt length 32', () => {
    const key = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
    const signed = cryptoSign('sha256', digest, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    expect(scheme.verify(digest, signed, publicKey)).toBe(true);
  });

  it('refuses a signature with another salt length or padding', () => {
    const key = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
    const salt20 = cryptoSign('sha256', digest, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 });
    const pkcs1 = cryptoSign('sha256', digest, { key, padding: constants.RSA_PKCS1_PADDING });
    expect(scheme.verify(digest, salt20, publicKey)).toBe(false);
    expect(scheme.verify(digest, pkcs1, publicKey)).toBe(false);
  });

  it('refuses a tampered digest, a tampered signature and another key', () => {
    const signed = scheme.sign(digest, privateKey);
    expect(scheme.verify(flipped(digest, 0), signed, publicKey)).toBe(false);
    expect(scheme.verify(digest, flipped(signed, 100), publicKey)).toBe(false);
    expect(scheme.verify(digest, signed, flipped(publicKey, 200))).toBe(false);
  });

  it('refuses wrong lengths without throwing', () => {
    const signed = scheme.sign(digest, privateKey);
    expect(scheme.verify(digest.subarray(1), signed, publicKey)).toBe(false);
    expect(scheme.verify(digest, signed.subarray(1), publicKey)).toBe(false);
    expect(scheme.verify(digest, Buffer.concat([signed, Buffer.of(0)]), publicKey)).toBe(false);
    expect(scheme.verify(digest, signed, publicKey.subarray(1))).toBe(false);
  });

  it('encodes the modulus and signature as base64url and decodes them back', () => {
    const text = scheme.encodePublicKey(publicKey);
    expect(text).toMatch(/^[A-Za-z0-9_-]{683}$/);
    expect(Buffer.from(scheme.decodePublicKey(text)).equals(Buffer.from(publicKey))).toBe(true);
    const signed = scheme.sign(digest, privateKey);
    expect(Buffer.from(scheme.decodeSignature(scheme.encodeSignature(signed))).equals(Buffer.from(signed))).toBe(true);
  });

  it.each([
    ['511 bytes', () => Buffer.from(publicKey).subarray(1), /512 bytes, top bit set/],
    ['513 bytes', () => Buffer.concat([Buffer.of(0), publicKey]), /512 bytes, top bit set/],
    ['a 4095-bit modulus (top bit clear)', () => Buffer.concat([Buffer.of(0x7f), Buffer.from(publicKey).subarray(1)]), /top bit set/],
    ['an even number', () => Buffer.concat([Buffer.from(publicKey).subarray(0, 511), Buffer.of(0x02)]), /even/],
  ])('refuses a public key of %s', (_problem, bytes, message) => {
    const error = expectRefusal(() => scheme.decodePublicKey(bytes().toString('base64url')), 'MALFORMED_INTENT', message);
    expect(error.metadata['field']).toBe('publicKey');
  });

  it('refuses a padded or standard-base64 public key', () => {
    expectRefusal(() => scheme.decodePublicKey(`${Buffer.from(publicKey).toString('base64url')}=`), 'MALFORMED_INTENT');
    expectRefusal(() => scheme.decodePublicKey(Buffer.from(publicKey).toString('base64')), 'MALFORMED_INTENT');
  });

  it.each([511, 513, 256])('refuses a signature of %i bytes', (length) => {
    expectRefusal(() => scheme.decodeSignature(Buffer.alloc(length, 7).toString('base64url')), 'MALFORMED_INTENT', /512 bytes/);
  });

  it('addresses a creator by base64url(SHA-256(n)) on every network', () => {
    const expected = Buffer.from(sha256(publicKey)).toString('base64url');
    expect(scheme.address(publicKey, 'mainnet')).toBe(expected);
    expect(scheme.address(publicKey, 'test')).toBe(expected);
    expect(expected).toHaveLength(43);
  });

  it('refuses to derive a public key from a key with another exponent, or from non-PKCS#8 bytes', () => {
    const { privateKey: small } = generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 });
    const der = small.export({ format: 'der', type: 'pkcs8' });
    expectRefusal(() => scheme.publicKeyFromPrivate(der), 'INVALID_REQUEST', /4096-bit RSA key with exponent 65537/);
    expectRefusal(() => scheme.sign(digest, Buffer.from('not a key')), 'INVALID_REQUEST', /not PKCS#8 DER/);
  });

  it('carries a whole intent through parseIntent and verifyIntent', () => {
    const text = signEnvelope(baseEnvelope(scheme, privateKey), scheme, privateKey);
    const verified = verifyIntent(parseIntent(text));
    expect(verified.scheme.name).toBe('arweave-rsa-pss');
    expect(Buffer.from(verified.publicKey).equals(Buffer.from(publicKey))).toBe(true);
    const tampered = text.replace('"Song"', '"Song 2"');
    expectRefusal(() => verifyIntent(parseIntent(tampered)), 'BAD_SIGNATURE');
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });
});
