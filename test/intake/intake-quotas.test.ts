import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptIntents, type IntakeResult } from '../../core/intake/index.ts';
import { registerKey } from '../../core/keys/index.ts';
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

async function registered(quota: { recordsPerMinute?: number; recordsPerDay?: number; bytesPerDay?: number }): Promise<TestCreator> {
  const creator = newCreator();
  await registerKey(
    h.pool,
    {
      scheme: 'secp256k1',
      publicKey: creator.publicKey,
      label: '',
      quota: { ...(quota.recordsPerDay && { recordsPerDay: quota.recordsPerDay }), ...(quota.bytesPerDay && { bytesPerDay: quota.bytesPerDay }), ...(quota.recordsPerMinute && { requestsPerMinute: quota.recordsPerMinute }) },
    },
    'test',
    'admin',
    h.logSigner,
  );
  return creator;
}

const outcome = (r: IntakeResult) => (r.ok ? 'accepted' : r.error.reason);

describe('per-key rate limits and daily quotas, kept in PostgreSQL', () => {
  it('accepts up to the per-minute limit and refuses the rest as RATE_LIMITED, without spending their nonces', async () => {
    const creator = await registered({ recordsPerMinute: 3 });
    const texts = Array.from({ length: 5 }, () => creator.intent());
    const results = await acceptIntents(h.ctx(), texts);
    expect(results.map(outcome)).toEqual(['accepted', 'accepted', 'accepted', 'RATE_LIMITED', 'RATE_LIMITED']);
    const refused = results[3]!;
    expect(refused.ok === false && [refused.error.status, refused.error.metadata['retryAfter']]).toEqual(['resource_exhausted', expect.stringMatching(/:00\.000Z$/)]);
    const nonces = await h.pool.query('SELECT count(*)::int AS n FROM nonces WHERE signer = $1', [`secp256k1:${creator.publicKey}`]);
    expect(nonces.rows[0].n).toBe(3);

    // A minute later the refused envelope itself is accepted: its nonce was not used up.
    const later = Date.now() + 61_000;
    const [retry] = await acceptIntents(h.ctx({ now: () => later }), [texts[3]!]);
    expect(retry && outcome(retry)).toBe('accepted');
  });

  it('refuses past the daily record quota as QUOTA_EXCEEDED, and audits it', async () => {
    const creator = await registered({ recordsPerDay: 2 });
    const before = await h.count('log_entries');
    const results = await acceptIntents(h.ctx(), [creator.intent(), creator.intent(), creator.intent()]);
    expect(results.map(outcome)).toEqual(['accepted', 'accepted', 'QUOTA_EXCEEDED']);
    expect(await h.count('log_entries')).toBe(before + 3);
  });

  it('counts bytes per day', async () => {
    const creator = await registered({ bytesPerDay: 1500 });
    const results = await acceptIntents(h.ctx(), [creator.intent(), creator.intent(), creator.intent(), creator.intent()]);
    expect(results.map(outcome)).toEqual(['accepted', 'accepted', 'accepted', 'QUOTA_EXCEEDED']);
  });

  it('applies the node defaults to keys without their own limits, and a key\'s own limit over the default', async () => {
    const plain = newCreator();
    const generous = await registered({ recordsPerDay: 5 });
    const ctx = h.ctx({ openRegistration: true, defaultQuota: { recordsPerDay: 1 } });
    expect((await acceptIntents(ctx, [plain.intent(), plain.intent()])).map(outcome)).toEqual(['accepted', 'QUOTA_EXCEEDED']);
    expect((await acceptIntents(ctx, [generous.intent(), generous.intent()])).map(outcome)).toEqual(['accepted', 'accepted']);
  });

  it('holds across replicas: two nodes (separate connection pools) racing for one key accept exactly the quota', async () => {
    const creator = await registered({ recordsPerDay: 10 });
    const replica = testPool(h.db.url, 10);
    try {
      const submit = (pool: pg.Pool) =>
        Promise.all(Array.from({ length: 15 }, () => acceptIntents(h.ctx({ pool }), [creator.intent()]).then((r) => outcome(r[0]!))));
      const all = (await Promise.all([submit(h.pool), submit(replica)])).flat();
      expect(all.filter((o) => o === 'accepted')).toHaveLength(10);
      expect(all.filter((o) => o === 'QUOTA_EXCEEDED')).toHaveLength(20);
    } finally {
      await replica.end();
    }
  });

  it('charges nothing for a duplicate', async () => {
    const creator = await registered({ recordsPerDay: 1 });
    const text = creator.intent();
    expect((await acceptIntents(h.ctx(), [text])).map(outcome)).toEqual(['accepted']);
    const again = await acceptIntents(h.ctx(), [text]);
    expect(again[0]?.ok && again[0].value.duplicate).toBe(true);
  });
});
