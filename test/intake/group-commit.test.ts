import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCommit, type IntakeResult } from '../../core/intake/index.ts';
import { parseIntent } from '../../core/intent/index.ts';
import { newCreator } from '../support/creator.ts';
import { intakeHarness, rowCounts, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await intakeHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The harness pool, counting the connections taken: one per transaction. */
function countingPool(pool: pg.Pool): { pool: pg.Pool; transactions: () => number } {
  let taken = 0;
  const counting = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'connect') {
        return (...args: unknown[]) => {
          taken += 1;
          return (target.connect as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { pool: counting, transactions: () => taken };
}

const outcome = (r: IntakeResult) => (r.ok ? (r.value.duplicate ? 'duplicate' : 'accepted') : r.error.reason);

describe('group commit of single-intent calls', () => {
  it('commits calls that arrive together in one transaction, each with its own receipt', async () => {
    const counting = countingPool(h.pool);
    const group = groupCommit(h.ctx({ openRegistration: true, pool: counting.pool }), { maxGroup: 500, concurrency: 2, maxQueuedBytes: 1 << 30 });
    const creator = newCreator();
    const texts = Array.from({ length: 200 }, () => creator.intent());
    const results = await Promise.all(texts.map((text) => group.accept(text)));
    expect(results.map(outcome)).toEqual(texts.map(() => 'accepted'));
    expect(new Set(results.map((r) => r.ok && r.value.recordId)).size).toBe(200);
    expect(counting.transactions()).toBe(1);
    const { rows } = await h.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE record_id = ANY($1)', [results.map((r) => r.ok && r.value.recordId)]);
    expect(rows[0]!.n).toBe(200);
  });

  it('keeps each call’s outcome its own: a refusal, a duplicate and a nonce reused in the same group', async () => {
    const group = groupCommit(h.ctx({ openRegistration: true }), { maxGroup: 500, concurrency: 2, maxQueuedBytes: 1 << 30 });
    const creator = newCreator();
    const twice = creator.intent();
    const nonce = randomBytes(16).toString('base64url');
    const results = await Promise.all([
      group.accept(creator.intent()),
      group.accept('{"not":"an intent"}'),
      group.accept(twice),
      group.accept(twice),
      group.accept(creator.intent({ nonce })),
      group.accept(creator.intent({ nonce, record: { other: true } })),
    ]);
    expect(results.map(outcome)).toEqual(['accepted', 'MALFORMED_INTENT', 'accepted', 'duplicate', 'accepted', 'NONCE_REUSED']);
    const [, , c, d] = results;
    expect(c!.ok && d!.ok && c!.value.recordId === d!.value.recordId).toBe(true);
  });

  it('takes at most maxGroup intents per transaction, and later calls join later groups', async () => {
    const counting = countingPool(h.pool);
    const group = groupCommit(h.ctx({ openRegistration: true, pool: counting.pool }), { maxGroup: 10, concurrency: 1, maxQueuedBytes: 1 << 30 });
    const creator = newCreator();
    const results = await Promise.all(Array.from({ length: 35 }, () => group.accept(creator.intent())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(counting.transactions()).toBe(4);
  });

  it('fails every call of a group whose transaction cannot run, and stores nothing', async () => {
    const before = await rowCounts(h);
    const down = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
    try {
      const group = groupCommit(h.ctx({ openRegistration: true, pool: down }), { maxGroup: 500, concurrency: 2, maxQueuedBytes: 1 << 30 });
      const creator = newCreator();
      const results = await Promise.all(Array.from({ length: 5 }, () => group.accept(creator.intent())));
      expect(results.map(outcome)).toEqual(Array.from({ length: 5 }, () => 'STORE_UNAVAILABLE'));
    } finally {
      await down.end();
    }
    expect(await rowCounts(h)).toEqual(before);
  });
});

describe('group commit of batches', () => {
  it('commits concurrent batches together, whole, each answered with its own results in order', async () => {
    const counting = countingPool(h.pool);
    const group = groupCommit(h.ctx({ openRegistration: true, pool: counting.pool }), { maxGroup: 100, concurrency: 1, maxQueuedBytes: 1 << 30 });
    const creator = newCreator();
    const batches = Array.from({ length: 6 }, () => Array.from({ length: 30 }, () => creator.intent()));
    batches[2]![5] = 'not json';
    const answers = await Promise.all(batches.map((texts) => group.acceptMany(texts)));
    // 180 intents, 30 per batch, at most 100 per transaction without splitting a batch: 3 + 3.
    expect(counting.transactions()).toBe(2);
    answers.forEach((results, b) => {
      expect(results).toHaveLength(30);
      results.forEach((r, i) => {
        if (b === 2 && i === 5) expect(outcome(r)).toBe('MALFORMED_INTENT');
        else expect(r.ok && r.value.recordId).toBe(parseIntent(batches[b]![i]!, h.ctx().limits).recordId);
      });
    });
    const ids = answers.flat().flatMap((r) => (r.ok ? [r.value.recordId] : []));
    expect(new Set(ids).size).toBe(179);
  });

  it('takes a batch larger than maxGroup whole, in a transaction of its own', async () => {
    const counting = countingPool(h.pool);
    const group = groupCommit(h.ctx({ openRegistration: true, pool: counting.pool }), { maxGroup: 10, concurrency: 1, maxQueuedBytes: 1 << 30 });
    const creator = newCreator();
    const [big, small] = await Promise.all([group.acceptMany(Array.from({ length: 25 }, () => creator.intent())), group.acceptMany([creator.intent()])]);
    expect(big!.every((r) => r.ok)).toBe(true);
    expect(small!.every((r) => r.ok)).toBe(true);
    expect(counting.transactions()).toBe(2);
  });
});

describe('a bounded queue', () => {
  it('refuses NODE_BUSY with a retry hint, at once, a call that would take the queue past its bytes; stores nothing of it', async () => {
    const group = groupCommit(h.ctx({ openRegistration: true }), { maxGroup: 10, concurrency: 1, maxQueuedBytes: 4_000 });
    const creator = newCreator();
    const texts = Array.from({ length: 12 }, () => creator.intent());
    const settled = await Promise.allSettled(texts.map((text) => group.accept(text)));
    const busy = settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason as { reason: string; metadata: Record<string, string> });
    const accepted = settled.filter((s) => s.status === 'fulfilled' && s.value.ok);
    expect(busy.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(busy.length + accepted.length).toBe(12);
    for (const refusal of busy) {
      expect(refusal.reason).toBe('NODE_BUSY');
      expect(Number(refusal.metadata['retryAfterMs'])).toBeGreaterThan(0);
    }
    const ids = texts.map((t) => parseIntent(t, h.ctx().limits).recordId);
    const { rows } = await h.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE record_id = ANY($1)', [ids]);
    expect(rows[0]!.n).toBe(accepted.length);
  });

  it('always takes a submission when nothing waits, however large', async () => {
    const group = groupCommit(h.ctx({ openRegistration: true }), { maxGroup: 100, concurrency: 1, maxQueuedBytes: 10 });
    const creator = newCreator();
    const results = await group.acceptMany(Array.from({ length: 5 }, () => creator.intent()));
    expect(results.map(outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
  });
});
