import secp256k1 from 'secp256k1';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../core/canonical/index.ts';
import { secp256k1Scheme as scheme } from '../../core/schemes/index.ts';
import { base58check } from '../../core/schemes/base58check.ts';
import { expectRefusal } from './support/expect-refusal.ts';
import { intentVectors } from './support/vectors.ts';

const order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const simple = intentVectors.valid[0]!;
const publicKeyText = '034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa';
const publicKey = scheme.decodePublicKey(publicKeyText);
const digest = Buffer.from(simple.digestHex, 'hex');
const signature = scheme.decodeSignature(simple.signature);

const scalar = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
const withS = (s: bigint): Uint8Array => Buffer.concat([signature.subarray(0, 32), scalar(s)]);
const withR = (r: bigint): Uint8Array => Buffer.concat([scalar(r), signature.subarray(32)]);

describe('secp256k1 public keys', () => {
  it('decode from lowercase hex of a compressed point on the curve', () => {
    expect(Buffer.from(publicKey).toString('hex')).toBe(publicKeyText);
    expect(scheme.encodePublicKey(publicKey)).toBe(publicKeyText);
  });

  it.each([
    ['uppercase hex', publicKeyText.toUpperCase(), /66 lowercase hex/],
    ['32 bytes (no prefix)', publicKeyText.slice(2), /66 lowercase hex/],
    ['34 bytes', `${publicKeyText}00`, /66 lowercase hex/],
    ['an uncompressed 04 point', `04${publicKeyText.slice(2)}${'00'.repeat(32)}`, /66 lowercase hex/],
    ['a 05 prefix', `05${publicKeyText.slice(2)}`, /66 lowercase hex/],
    ['base64url instead of hex', Buffer.from(publicKeyText, 'hex').toString('base64url'), /66 lowercase hex/],
    ['surrounding whitespace', ` ${publicKeyText}`, /66 lowercase hex/],
    ['an x with no point on the curve', `02${'00'.repeat(31)}05`, /not a point on the curve/],
    ['an x beyond the field size', `02${'ff'.repeat(32)}`, /not a point on the curve/],
  ])('refuse %s', (_problem, text, message) => {
    const error = expectRefusal(() => scheme.decodePublicKey(text), 'MALFORMED_INTENT', message);
    expect(error.metadata).toEqual({ scheme: 'secp256k1', field: 'publicKey' });
  });
});

describe('secp256k1 signatures', () => {
  it.each([
    ['63 bytes', Buffer.alloc(63, 1).toString('base64url')],
    ['65 bytes', Buffer.alloc(65, 1).toString('base64url')],
    ['hex', Buffer.from(signature).toString('hex')],
    ['base64 with padding', `${Buffer.from(signature).toString('base64')}`],
    ['DER', Buffer.from(secp256k1.signatureExport(signature)).toString('base64url')],
  ])('refuse an encoding of %s', (_problem, text) => {
    expectRefusal(() => scheme.decodeSignature(text), 'MALFORMED_INTENT', /64-byte compact/);
  });

  it('verify the vector signature over its digest, and nothing else', () => {
    expect(scheme.verify(digest, signature, publicKey)).toBe(true);
    const otherDigest = Buffer.from(digest);
    otherDigest[31] = (otherDigest[31] ?? 0) ^ 1;
    expect(scheme.verify(otherDigest, signature, publicKey)).toBe(false);
    const otherKey = scheme.publicKeyFromPrivate(scheme.generatePrivateKey());
    expect(scheme.verify(digest, signature, otherKey)).toBe(false);
  });

  it('sign the digest as is: no second hash', () => {
    expect(scheme.verify(sha256(digest), signature, publicKey)).toBe(false);
  });

  it('refuse the high-S twin, which the native binding also rejects on its own', () => {
    const highS = withS(order - toBigInt(signature.subarray(32)));
    expect(toBigInt(highS.subarray(32)) > order / 2n).toBe(true);
    expect(secp256k1.ecdsaVerify(highS, digest, publicKey)).toBe(false);
    // The same signature, normalized, is the one we accept: only malleability is refused.
    expect(Buffer.from(secp256k1.signatureNormalize(Buffer.from(highS))).equals(Buffer.from(signature))).toBe(true);
    expect(scheme.verify(digest, highS, publicKey)).toBe(false);
  });

  it.each([
    ['r = 0', withR(0n)],
    ['s = 0', withS(0n)],
    ['r = n', withR(order)],
    ['s = n', withS(order)],
    ['r = 2^256 - 1', withR(2n ** 256n - 1n)],
    ['s = n/2 + 1', withS(order / 2n + 1n)],
  ])('refuse %s without throwing', (_problem, bad) => {
    expect(scheme.verify(digest, bad, publicKey)).toBe(false);
  });

  it('refuse wrong input lengths without throwing', () => {
    expect(scheme.verify(digest.subarray(1), signature, publicKey)).toBe(false);
    expect(scheme.verify(digest, signature.subarray(1), publicKey)).toBe(false);
    expect(scheme.verify(digest, signature, publicKey.subarray(1))).toBe(false);
  });

  it('sign deterministically (RFC 6979) and low-S, reproducing every vector', () => {
    for (const vector of intentVectors.valid) {
      const signed = scheme.sign(Buffer.from(vector.digestHex, 'hex'), Buffer.from(vector.secretKeyHex, 'hex'));
      expect(scheme.encodeSignature(signed), vector.name).toBe(vector.signature);
    }
  });

  it('round-trip with a freshly generated key, always low-S', () => {
    for (let i = 0; i < 20; i++) {
      const privateKey = scheme.generatePrivateKey();
      const message = sha256(`message ${i}`);
      const signed = scheme.sign(message, privateKey);
      expect(toBigInt(signed.subarray(32)) <= order / 2n).toBe(true);
      expect(scheme.verify(message, signed, scheme.publicKeyFromPrivate(privateKey))).toBe(true);
    }
  });
});

describe('secp256k1 private keys', () => {
  it.each([
    ['zero', Buffer.alloc(32)],
    ['n', scalar(order)],
    ['31 bytes', Buffer.alloc(31, 1)],
  ])('refuse %s before signing', (_problem, privateKey) => {
    expectRefusal(() => scheme.sign(digest, privateKey), 'INVALID_REQUEST', /from 1 to n - 1/);
    expectRefusal(() => scheme.publicKeyFromPrivate(privateKey), 'INVALID_REQUEST', /from 1 to n - 1/);
  });
});

describe('secp256k1 addresses (BSV P2PKH)', () => {
  it('match the well-known address of private key 1', () => {
    const one = scheme.publicKeyFromPrivate(scalar(1n));
    expect(scheme.address(one, 'mainnet')).toBe('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH');
    expect(scheme.address(one, 'test')).toBe('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r');
  });

  it('spell each leading zero byte as "1" in base58check', () => {
    expect(base58check(0x00, new Uint8Array(20))).toBe('1111111111111111111114oLvT2');
  });
});
