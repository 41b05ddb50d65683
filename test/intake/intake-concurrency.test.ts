import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptIntents } from '../../core/intake/index.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { intakeHarness, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await intakeHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('under concurrency (50 simultaneous submissions, each in its own transaction)', () => {
  it('accepts exactly one of 50 different envelopes sharing one nonce; the other 49 are NONCE_REUSED', async () => {
    const creator = newCreator();
    const nonce = 'Y29uY3VycmVudC1ub25jZS1kaWZmZXJlbnQ';
    const texts = Array.from({ length: 50 }, (_, i) => creator.intent({ nonce, record: { attempt: i } }));
    const results = (await Promise.all(texts.map((t) => acceptIntents(h.ctx({ openRegistration: true }), [t])))).map((r) => r[0]!);
    const outcome = results.map((r) => (r.ok ? 'accepted' : r.error.reason));
    expect(outcome.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcome.filter((o) => o === 'NONCE_REUSED')).toHaveLength(49);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM records WHERE nonce = $1', [nonce]);
    expect(rows[0].n).toBe(1);
  });

  it('stores one of 50 identical envelopes; all 50 succeed, 49 of them as duplicates of the same record', async () => {
    const text = newCreator().intent({ nonce: 'Y29uY3VycmVudC1ub25jZS1pZGVudGljYWw' });
    const results = (await Promise.all(Array.from({ length: 50 }, () => acceptIntents(h.ctx({ openRegistration: true }), [text])))).map((r) => r[0]!);
    expect(results.every((r) => r.ok)).toBe(true);
    const values = results.flatMap((r) => (r.ok ? [r.value] : []));
    expect(values.filter((v) => !v.duplicate)).toHaveLength(1);
    expect(new Set(values.map((v) => v.recordId)).size).toBe(1);
    expect(new Set(values.map((v) => v.receipt)).size).toBe(1);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM publications WHERE record_id = $1', [values[0]!.recordId]);
    expect(rows[0].n).toBe(1);
  });
});

describe('the log under concurrent transactions', () => {
  it('stays one log, one checkpoint per append, each receipt proving its own acceptance entry, when intake and other appends race', async () => {
    const { appendAuditEvents, verifyLog } = await import('../../core/audit/index.ts');
    const { withTransaction } = await import('../../core/store/index.ts');
    const creators = Array.from({ length: 5 }, () => newCreator());
    const checkpointsBefore = await h.count('log_checkpoints');
    const intake = Array.from({ length: 30 }, (_, i) => acceptIntents(h.ctx({ openRegistration: true }), [creators[i % 5]!.intent(), creators[(i + 1) % 5]!.intent()]));
    const others = Array.from({ length: 20 }, (_, i) =>
      withTransaction(h.pool, (client) => appendAuditEvents(client, h.logSigner, [{ kind: 'test.raced', actor: 'test', subject: `race-${i}`, data: { i } }])),
    );
    const results = (await Promise.all(intake)).flat();
    await Promise.all(others);
    expect(results.every((r) => r.ok && !r.value.duplicate)).toBe(true);
    const verification = await verifyLog(h.pool, h.logSigner);
    expect(verification.intact).toBe(true);
    const checkpoints = await h.pool.query<{ size: string }>('SELECT size FROM log_checkpoints ORDER BY size');
    // One per append: 30 intake transactions and 20 other appends.
    expect(checkpoints.rows).toHaveLength(checkpointsBefore + 30 + 20);
    for (const r of results) {
      if (!r.ok) continue;
      const receipt = readReceipt(r.value.receipt, h.logSigner.verifierKey);
      expect(receipt.verified).toBe(true);
      const { rows } = await h.pool.query<{ kind: string; subject: string }>('SELECT kind, subject FROM log_entries WHERE idx = $1', [receipt.index]);
      expect(rows[0]).toEqual({ kind: 'intent.accepted', subject: r.value.recordId });
    }
  });
});
