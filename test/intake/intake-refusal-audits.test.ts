import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptIntents, type IntakeResult } from '../../core/intake/index.ts';
import { registerKey, revokeKey } from '../../core/keys/index.ts';
import { newCreator, type TestCreator } from '../support/creator.ts';
import { testPool } from '../support/database.ts';
import { intakeHarness, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await intakeHarness();
});
afterAll(async () => {
  await h?.close();
});

async function registered(quota: { requestsPerMinute?: number; recordsPerDay?: number } = {}): Promise<TestCreator> {
  const creator = newCreator();
  await registerKey(h.pool, { scheme: 'secp256k1', publicKey: creator.publicKey, label: '', quota }, 'test', 'admin', h.logSigner);
  return creator;
}

const outcome = (r: IntakeResult) => (r.ok ? 'accepted' : r.error.reason);
const stale = (creator: TestCreator) => creator.intent({ timestamp: new Date(Date.now() - 3_600_000).toISOString() });
const signer = (creator: TestCreator) => `secp256k1:${creator.publicKey}`;

/** The rows a refused intent must not leave behind. */
async function stored(): Promise<Record<string, number>> {
  return { nonces: await h.count('nonces'), records: await h.count('records'), publications: await h.count('publications') };
}

/** Reasons of the intent.refused entries appended once the log held `size` entries, in order. */
async function refusalsAfter(size: number): Promise<string[]> {
  const { rows } = await h.pool.query<{ entry: Buffer }>("SELECT entry FROM log_entries WHERE idx >= $1 AND kind = 'intent.refused' ORDER BY idx", [size]);
  return rows.map((r) => (JSON.parse(r.entry.toString('utf8')) as { data: { reason: string } }).data.reason);
}

/** The log's size: entries appended so far. */
const headSeq = async () => h.count('log_entries');

async function usage(creator: TestCreator, window: 'minute' | 'refusals'): Promise<number[]> {
  const { rows } = await h.pool.query<{ records: number }>('SELECT records FROM key_usage WHERE signer = $1 AND "window" = $2', [signer(creator), window]);
  return rows.map((r) => r.records);
}

describe('the rate limit comes before anything is written', () => {
  it('counts every intent of the key, refused or not: past it, RATE_LIMITED writes no nonce, record or audit event', async () => {
    const creator = await registered({ requestsPerMinute: 2 });
    const [before, seq] = [await stored(), await headSeq()];
    // The flood: a key limited to 2 a minute sending 50 refusable envelopes and 10 good ones.
    const texts = [...Array.from({ length: 50 }, () => stale(creator)), ...Array.from({ length: 10 }, () => creator.intent())];
    const results = await acceptIntents(h.ctx(), texts);
    expect(results.map(outcome)).toEqual(['STALE_INTENT', 'STALE_INTENT', ...texts.slice(2).map(() => 'RATE_LIMITED')]);
    const limited = results[2]!;
    expect(limited.ok === false && [limited.error.status, limited.error.message, limited.error.metadata['retryAfter']]).toEqual([
      'resource_exhausted',
      expect.stringMatching(/^at most 2 intents per minute for this key; the window resets at .*:00\.000Z$/),
      expect.stringMatching(/:00\.000Z$/),
    ]);
    expect(await refusalsAfter(seq)).toEqual(['STALE_INTENT', 'STALE_INTENT']);
    expect(await headSeq()).toBe(seq + 2);
    expect(await stored()).toEqual(before);
    expect(await usage(creator, 'minute')).toEqual([2]);
  });

  it('refuses a key at its limit as RATE_LIMITED before its target, time window or nonce is looked at', async () => {
    const creator = await registered({ requestsPerMinute: 1 });
    const nonce = 'cmF0ZS1saW1pdC1iZWZvcmUtbm9uY2U';
    expect((await acceptIntents(h.ctx(), [creator.intent({ nonce })])).map(outcome)).toEqual(['accepted']);
    const [before, seq] = [await stored(), await headSeq()];
    const texts = [stale(creator), creator.intent({ targets: ['solana'] }), creator.intent({ nonce, record: { other: true } }), creator.intent()];
    const results = await acceptIntents(h.ctx(), texts);
    expect(results.map((r) => !r.ok && [r.error.reason, r.error.status])).toEqual(texts.map(() => ['RATE_LIMITED', 'resource_exhausted']));
    expect(await headSeq()).toBe(seq);
    expect(await stored()).toEqual(before);
  });

  it('charges nothing for the same envelope sent again, nor for an unregistered key, which gets no counter at all', async () => {
    const creator = await registered({ requestsPerMinute: 1 });
    const text = creator.intent();
    expect((await acceptIntents(h.ctx(), [text, text])).map(outcome)).toEqual(['accepted', 'accepted']);
    expect((await acceptIntents(h.ctx(), [text])).map((r) => r.ok && r.value.duplicate)).toEqual([true]);
    expect(await usage(creator, 'minute')).toEqual([1]);
    const stranger = newCreator();
    expect((await acceptIntents(h.ctx({ defaultQuota: { recordsPerMinute: 1 } }), [stranger.intent(), stale(stranger)])).map(outcome)).toEqual(['KEY_NOT_REGISTERED', 'KEY_NOT_REGISTERED']);
    expect((await h.pool.query('SELECT 1 FROM key_usage WHERE signer = $1', [signer(stranger)])).rowCount).toBe(0);
  });
});

describe('refusals cost at most a budget of audit events per key and minute', () => {
  it('audits the first refusals of a minute and only counts the rest, flagged unaudited', async () => {
    const creator = await registered();
    const [before, seq] = [await stored(), await headSeq()];
    const results = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 3 }), Array.from({ length: 10 }, () => stale(creator)));
    expect(results.map((r) => !r.ok && [r.error.reason, r.error.status])).toEqual(results.map(() => ['STALE_INTENT', 'failed_precondition']));
    expect(results.map((r) => !r.ok && r.unaudited === true)).toEqual([false, false, false, true, true, true, true, true, true, true]);
    expect(await refusalsAfter(seq)).toEqual(['STALE_INTENT', 'STALE_INTENT', 'STALE_INTENT']);
    expect(await usage(creator, 'refusals')).toEqual([10]);

    // The rest of the minute, in another call: counted, not audited.
    const [again] = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 3 }), [stale(creator)]);
    expect(again?.ok === false && [again.error.reason, again.unaudited]).toEqual(['STALE_INTENT', true]);
    expect(await headSeq()).toBe(seq + 3);
    expect(await usage(creator, 'refusals')).toEqual([11]);

    // A minute later the key has a budget again.
    const later = Date.now() + 60_000;
    const [next] = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 3, now: () => later }), [stale(creator)]);
    expect(next?.ok === false && [next.error.reason, next.unaudited]).toEqual(['STALE_INTENT', undefined]);
    expect(await headSeq()).toBe(seq + 4);
    expect(await stored()).toEqual(before);
  });

  it('shares one budget between every audited reason, in order, and gives each key its own', async () => {
    const alice = await registered({ recordsPerDay: 1 });
    const bob = await registered();
    const nonce = 'YnVkZ2V0LXNoYXJlZC1ieS1yZWFzb25z';
    expect((await acceptIntents(h.ctx(), [alice.intent({ nonce })])).map(outcome)).toEqual(['accepted']);
    const [before, seq] = [await stored(), await headSeq()];
    const texts = [
      alice.intent({ targets: ['solana'] }),
      bob.intent({ targets: ['solana'] }),
      alice.intent({ nonce, record: { other: true } }),
      stale(alice),
      alice.intent(),
      stale(bob),
      stale(bob),
    ];
    const results = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 2 }), texts);
    expect(results.map((r) => !r.ok && [r.error.reason, r.error.status, r.unaudited ?? false])).toEqual([
      ['UNKNOWN_TARGET', 'invalid_argument', false],
      ['UNKNOWN_TARGET', 'invalid_argument', false],
      ['NONCE_REUSED', 'already_exists', false],
      ['STALE_INTENT', 'failed_precondition', true],
      ['QUOTA_EXCEEDED', 'resource_exhausted', true],
      ['STALE_INTENT', 'failed_precondition', false],
      ['STALE_INTENT', 'failed_precondition', true],
    ]);
    expect(await refusalsAfter(seq)).toEqual(['UNKNOWN_TARGET', 'UNKNOWN_TARGET', 'NONCE_REUSED', 'STALE_INTENT']);
    expect(await stored()).toEqual(before);
  });

  it('counts a revoked key\'s refusals against its budget', async () => {
    const creator = await registered();
    await revokeKey(h.pool, 'secp256k1', creator.publicKey, 'leaked', 'admin', h.logSigner);
    const seq = await headSeq();
    const results = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 2 }), Array.from({ length: 5 }, () => creator.intent()));
    expect(results.map((r) => !r.ok && [r.error.reason, r.error.status, r.unaudited ?? false])).toEqual([
      ['KEY_REVOKED', 'permission_denied', false],
      ['KEY_REVOKED', 'permission_denied', false],
      ['KEY_REVOKED', 'permission_denied', true],
      ['KEY_REVOKED', 'permission_denied', true],
      ['KEY_REVOKED', 'permission_denied', true],
    ]);
    expect(await refusalsAfter(seq)).toEqual(['KEY_REVOKED', 'KEY_REVOKED']);
  });

  it('holds across replicas: two pools refusing one key at once audit exactly the budget', async () => {
    const creator = await registered();
    const seq = await headSeq();
    const replica = testPool(h.db.url, 10);
    try {
      const flood = (pool: typeof h.pool) => Promise.all(Array.from({ length: 12 }, () => acceptIntents(h.ctx({ pool, auditedRefusalsPerMinute: 5 }), [stale(creator)])));
      const results = (await Promise.all([flood(h.pool), flood(replica)])).flat(2);
      expect(results.map(outcome)).toEqual(results.map(() => 'STALE_INTENT'));
      expect(results.filter((r) => !r.ok && r.unaudited)).toHaveLength(19);
    } finally {
      await replica.end();
    }
    expect(await refusalsAfter(seq)).toHaveLength(5);
    expect(await usage(creator, 'refusals')).toEqual([24]);
  });

  it('audits no refusal, and writes no counter for them, with a budget of 0', async () => {
    const creator = await registered();
    const seq = await headSeq();
    const results = await acceptIntents(h.ctx({ auditedRefusalsPerMinute: 0 }), [stale(creator), creator.intent({ targets: ['solana'] })]);
    expect(results.map((r) => !r.ok && [r.error.reason, r.unaudited])).toEqual([
      ['STALE_INTENT', true],
      ['UNKNOWN_TARGET', true],
    ]);
    expect(await headSeq()).toBe(seq);
    expect(await usage(creator, 'refusals')).toEqual([]);
  });
});
