import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptIntents, onEventLoop, startIntakeThreads, type IntakeCompute } from '../../core/intake/index.ts';
import { defaultIntentLimits } from '../../core/intent/index.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { readPublications } from '../../core/records/index.ts';
import { arweaveRsaPssScheme } from '../../core/schemes/index.ts';
import { newCreator } from '../support/creator.ts';
import { intentVectors } from '../unit/support/vectors.ts';
import { intakeHarness, rowCounts, type IntakeHarness } from './intake-harness.ts';

let threads: IntakeCompute;
let h: IntakeHarness;
beforeAll(async () => {
  threads = await startIntakeThreads(2, pino({ level: 'silent' }));
  h = await intakeHarness();
});
afterAll(async () => {
  await threads?.close();
  await h?.close();
});

/** Results as plain data: a refusal by its reason, message and metadata. */
const plain = (results: Awaited<ReturnType<IntakeCompute['prepare']>>) =>
  results.map((r) => (r.ok ? r : { ok: false, reason: r.error.reason, message: r.error.message, metadata: r.error.metadata, isPublisherError: r.error.name }));

describe('intake threads', () => {
  const creator = newCreator();
  const vectors = [...intentVectors.valid, ...intentVectors.invalid].map((v) => v.envelopeJson);
  const fresh = Array.from({ length: 50 }, () => creator.intent({ targets: ['bsv', 'arweave'] }));
  const mixed = [...fresh.slice(0, 20), ...vectors, ...fresh.slice(20), 'not json', '{}', 'x'.repeat(70_000), 42 as unknown as string];

  it('parse and verify exactly as the event loop does, in order, across chunks', async () => {
    for (const texts of [[], [fresh[0]!], mixed]) {
      const expected = plain(await onEventLoop.prepare(texts, defaultIntentLimits, 'test'));
      expect(plain(await threads.prepare(texts, defaultIntentLimits, 'test'))).toEqual(expected);
    }
    // The comparison covered refusals of several kinds, not only acceptances.
    const reasons = new Set(plain(await threads.prepare(mixed, defaultIntentLimits, 'test')).flatMap((r) => ('reason' in r ? [r.reason] : [])));
    expect(reasons.size).toBeGreaterThanOrEqual(3);
  });

  it('parse, and verify the parsed signatures, exactly as the event loop does; together, as prepare does', async () => {
    const forge = (text: string, bytes: number) => text.replace(/"signature":"[^"]+"/, `"signature":"${randomBytes(bytes).toString('base64url')}"`);
    const rsa = newCreator(arweaveRsaPssScheme);
    const texts = [...mixed, forge(fresh[0]!, 64), rsa.intent(), forge(rsa.intent(), 512)];
    const parsed = await threads.parse(texts, defaultIntentLimits, 'test');
    expect(plain(parsed)).toEqual(plain(await onEventLoop.parse(texts, defaultIntentLimits, 'test')));
    const checks = parsed.flatMap((p) => (p.ok ? [p.check] : []));
    const verified = await threads.verify(checks);
    expect(verified).toEqual(await onEventLoop.verify(checks));
    expect(verified.slice(-3)).toEqual([false, true, false]);
    const prepared = plain(await onEventLoop.prepare(texts, defaultIntentLimits, 'test'));
    let k = 0;
    parsed.forEach((p, i) => {
      if (!p.ok) expect(prepared[i]).toMatchObject({ ok: false, reason: p.error.reason });
      else if (verified[k++]) expect(prepared[i]).toEqual({ ok: true, intent: p.intent });
      else expect(prepared[i]).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    });
  });

  it('serve intake end to end: accepted intents get verifiable receipts, refusals store nothing', async () => {
    const ctx = h.ctx({ compute: threads, openRegistration: true });
    const good = Array.from({ length: 30 }, () => creator.intent());
    const forged = good[0]!.replace(/"signature":"[^"]+"/, `"signature":"${'A'.repeat(86)}"`);
    const before = await rowCounts(h);
    const results = await acceptIntents(ctx, [...good, forged, 'nope']);
    expect(results.slice(0, 30).every((r) => r.ok && !r.value.duplicate && readReceipt(r.value.receipt, h.logSigner.verifierKey).verified)).toBe(true);
    expect(results.slice(30).map((r) => !r.ok && r.error.reason)).toEqual(['BAD_SIGNATURE', 'MALFORMED_INTENT']);
    const after = await rowCounts(h);
    expect(after['records']! - before['records']!).toBe(30);
  });

  it('answer fresh acceptances exactly as the stored rows read back', async () => {
    const ctx = h.ctx({ compute: threads, openRegistration: true });
    const results = await acceptIntents(ctx, [creator.intent({ targets: ['bsv', 'arweave'] }), creator.intent({ targets: ['arweave'] })]);
    const values = results.map((r) => (r.ok ? r.value : expect.unreachable(r.error.message)));
    const stored = await readPublications(h.pool, values.map((v) => v.recordId));
    for (const v of values) {
      expect(v.publications).toEqual(stored.get(v.recordId));
      const row = await h.pool.query<{ receipt: string }>('SELECT receipt FROM records WHERE record_id = $1', [v.recordId]);
      expect(v.receipt).toBe(row.rows[0]!.receipt);
    }
  });

  it('refuse work once closed', async () => {
    const closed = await startIntakeThreads(1, pino({ level: 'silent' }));
    await closed.close();
    await expect(closed.prepare([fresh[0]!], defaultIntentLimits, 'test')).rejects.toThrow(/closed/);
  });
});
