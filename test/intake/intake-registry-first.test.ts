import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptIntents, onEventLoop, startIntakeThreads, type IntakeCompute, type IntakeResult } from '../../core/intake/index.ts';
import { registerKey, revokeKey } from '../../core/keys/index.ts';
import { secp256k1Scheme } from '../../core/schemes/index.ts';
import { newCreator, type TestCreator } from '../support/creator.ts';
import { intakeHarness, rowCounts, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
let threads: IntakeCompute;
beforeAll(async () => {
  h = await intakeHarness();
  threads = await startIntakeThreads(2, pino({ level: 'silent' }));
});
afterAll(async () => {
  await threads?.close();
  await h?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const outcome = (r: IntakeResult) => (r.ok ? 'accepted' : r.error.reason);

/** A well-formed envelope whose signature is 64 random bytes: it parses, and does not verify. */
const forged = (creator: TestCreator) => creator.intent().replace(/"signature":"[^"]+"/, `"signature":"${randomBytes(64).toString('base64url')}"`);

async function registered(): Promise<TestCreator> {
  const creator = newCreator();
  await registerKey(h.pool, { scheme: 'secp256k1', publicKey: creator.publicKey, label: '', quota: null }, 'test', 'admin', h.logSigner);
  return creator;
}

/** The compute, counting the envelopes it verified (whole `prepare` calls count every text). */
function counting(compute: IntakeCompute): { compute: IntakeCompute; verified: () => number } {
  let verified = 0;
  return {
    compute: {
      ...compute,
      prepare: (texts, limits, network) => ((verified += texts.length), compute.prepare(texts, limits, network)),
      verify: (checks) => ((verified += checks.length), compute.verify(checks)),
    },
    verified: () => verified,
  };
}

describe('a closed node looks the signer up before it verifies the signature', () => {
  it('refuses an unregistered key with a forged signature as KEY_NOT_REGISTERED, without running the scheme\'s verify, and stores nothing', async () => {
    const verify = vi.spyOn(secp256k1Scheme, 'verify');
    const before = await rowCounts(h);
    const [result] = await acceptIntents(h.ctx(), [forged(newCreator())]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['KEY_NOT_REGISTERED', 'permission_denied']);
    expect(result?.ok === false && result.error.message).toMatch(/^signer secp256k1:0[23][0-9a-f]{64} is not registered on this node/);
    expect(verify).not.toHaveBeenCalled();
    expect(await rowCounts(h)).toEqual(before);
  });

  it.each([
    ['on the event loop', () => onEventLoop],
    ['on intake threads', () => threads],
  ])('sends no stranger\'s envelope to verification, %s', async (_name, compute) => {
    const alice = await registered();
    const spy = counting(compute());
    const texts = [forged(newCreator()), newCreator().intent(), alice.intent(), forged(newCreator())];
    const results = await acceptIntents(h.ctx({ compute: spy.compute }), texts);
    expect(results.map(outcome)).toEqual(['KEY_NOT_REGISTERED', 'KEY_NOT_REGISTERED', 'accepted', 'KEY_NOT_REGISTERED']);
    // Alice's envelope alone.
    expect(spy.verified()).toBe(1);
  });

  it('still verifies a registered key\'s signature: a forged one is BAD_SIGNATURE and stores nothing', async () => {
    const alice = await registered();
    const verify = vi.spyOn(secp256k1Scheme, 'verify');
    const before = await rowCounts(h);
    const [result] = await acceptIntents(h.ctx(), [forged(alice)]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['BAD_SIGNATURE', 'unauthenticated']);
    expect(result?.ok === false && result.error.message).toMatch(/^signature does not verify under secp256k1/);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('verifies a revoked key (its refusal names a proven author) and refuses it as KEY_REVOKED', async () => {
    const bob = await registered();
    await revokeKey(h.pool, 'secp256k1', bob.publicKey, 'lost', 'admin', h.logSigner);
    const verify = vi.spyOn(secp256k1Scheme, 'verify');
    const results = await acceptIntents(h.ctx(), [bob.intent(), forged(bob)]);
    expect(results.map(outcome)).toEqual(['KEY_REVOKED', 'BAD_SIGNATURE']);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('gives the same answers, in order, on the event loop and on intake threads', async () => {
    const alice = await registered();
    const revoked = await registered();
    await revokeKey(h.pool, 'secp256k1', revoked.publicKey, 'lost', 'admin', h.logSigner);
    const batch = () => [alice.intent(), forged(newCreator()), forged(alice), '{"not":"an intent"}', newCreator().intent(), revoked.intent(), alice.intent()];
    const expected = ['accepted', 'KEY_NOT_REGISTERED', 'BAD_SIGNATURE', 'MALFORMED_INTENT', 'KEY_NOT_REGISTERED', 'KEY_REVOKED', 'accepted'];
    for (const compute of [onEventLoop, threads]) {
      const results = await acceptIntents(h.ctx({ compute }), batch());
      expect(results.map(outcome)).toEqual(expected);
    }
  });

  it('accepts a key registered after its first refusal: a signer not found is never remembered as unknown', async () => {
    const carol = newCreator();
    expect((await acceptIntents(h.ctx(), [carol.intent()])).map(outcome)).toEqual(['KEY_NOT_REGISTERED']);
    // Registered through another connection pool, as another replica would.
    const replica = new pg.Pool({ connectionString: h.db.url, max: 1 });
    try {
      await registerKey(replica, { scheme: 'secp256k1', publicKey: carol.publicKey, label: '', quota: null }, 'test', 'admin', h.logSigner);
    } finally {
      await replica.end();
    }
    expect((await acceptIntents(h.ctx(), [carol.intent()])).map(outcome)).toEqual(['accepted']);
  });

  it('answers STORE_UNAVAILABLE when the registry cannot be read, and each malformed envelope with its own reason', async () => {
    const dead = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
    dead.on('error', () => undefined);
    try {
      const results = await acceptIntents(h.ctx({ pool: dead }), [newCreator().intent(), 'not json']);
      expect(results.map((r) => (r.ok ? 'accepted' : `${r.error.reason}/${r.error.status}`))).toEqual(['STORE_UNAVAILABLE/unavailable', 'MALFORMED_INTENT/invalid_argument']);
    } finally {
      await dead.end();
    }
  });
});

describe('an open node', () => {
  it('verifies every signature: a stranger\'s forged envelope is BAD_SIGNATURE', async () => {
    const verify = vi.spyOn(secp256k1Scheme, 'verify');
    const before = await rowCounts(h);
    const [result] = await acceptIntents(h.ctx({ openRegistration: true }), [forged(newCreator())]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['BAD_SIGNATURE', 'unauthenticated']);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await rowCounts(h)).toEqual(before);
  });
});
