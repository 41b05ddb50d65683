import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../core/audit/index.ts';
import { acceptIntents, type IntakeResult } from '../../core/intake/index.ts';
import { registerKey, revokeKey } from '../../core/keys/index.ts';
import { newCreator } from '../support/creator.ts';
import { readReceipt } from '../support/read-receipt.ts';
import { intentVectors } from '../unit/support/vectors.ts';
import { intakeHarness, rowCounts, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await intakeHarness();
});
afterAll(async () => {
  await h?.close();
});

function accepted(result: IntakeResult | undefined) {
  if (!result?.ok) throw new Error(`expected acceptance, got ${result?.error.reason}: ${result?.error.message}`);
  return result.value;
}

describe('the shared test vectors, through the real database', () => {
  const clock = Date.parse('2026-11-21T23:00:00.000Z');

  it.each(intentVectors.valid.map((v) => [v.name, v] as const))('accepts the valid vector %s with the clock at its timestamp', async (_name, vector) => {
    const [result] = await acceptIntents(h.ctx({ now: () => clock, openRegistration: true }), [vector.envelopeJson]);
    const value = accepted(result);
    expect(value.recordId).toBe(vector.recordId);
    expect(value.duplicate).toBe(false);
    const receipt = readReceipt(value.receipt, h.logSigner.verifierKey);
    expect(receipt.entry.data['creator']).toBe(vector.creatorAddress.test);
    expect(receipt.verified).toBe(true);
  });

  it.each(intentVectors.invalid.map((v) => [v.name, v] as const))('refuses the invalid vector %s with its reason and stores nothing', async (_name, vector) => {
    const before = await rowCounts(h);
    const [result] = await acceptIntents(h.ctx({ now: () => clock, openRegistration: true }), [vector.envelopeJson]);
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.error.reason).toBe(vector.reason);
    expect(await rowCounts(h)).toEqual(before);
  });
});

describe('accepting an intent', () => {
  it('stores the nonce, the record, one QUEUED publication per target and a log entry, and returns its tlog-proof receipt', async () => {
    const creator = newCreator();
    await registerKey(h.pool, { scheme: 'secp256k1', publicKey: creator.publicKey, label: 'alice', quota: null }, 'test', 'admin', h.logSigner);
    const text = creator.intent({ targets: ['bsv', 'arweave'] });
    const value = accepted((await acceptIntents(h.ctx(), [text]))[0]);

    expect(value.publications.map((p) => [p.chain, p.status])).toEqual([
      ['arweave', 'queued'],
      ['bsv', 'queued'],
    ]);
    const receipt = readReceipt(value.receipt, h.logSigner.verifierKey);
    expect(receipt.verified).toBe(true);
    expect(receipt.entry).toMatchObject({ index: receipt.index, kind: 'intent.accepted', actor: creator.address(), subject: value.recordId });
    expect(receipt.entry.data).toEqual({ recordId: value.recordId, creator: creator.address(), targets: ['arweave', 'bsv'] });
    expect(readReceipt(value.receipt.replace(`index ${receipt.index}\n`, `index ${receipt.index + 1}\n`), h.logSigner.verifierKey).verified).toBe(false);

    const entry = await h.pool.query<{ entry: Buffer }>('SELECT entry FROM log_entries WHERE idx = $1', [receipt.index]);
    expect(entry.rows[0]!.entry.toString('utf8')).toBe(receipt.entryText);
    const checkpoint = await h.pool.query('SELECT note FROM log_checkpoints WHERE size = $1', [receipt.size]);
    expect(checkpoint.rows[0]).toEqual({ note: receipt.checkpoint });
    const stored = await h.pool.query('SELECT intent_json, receipt, log_index FROM records WHERE record_id = $1', [value.recordId]);
    expect(stored.rows[0]).toEqual({ intent_json: text, receipt: value.receipt, log_index: String(receipt.index) });
  });

  it('stores each envelope exactly as sent, whatever it escapes, and the receipt exactly as returned', async () => {
    const creator = newCreator();
    const record = { title: 'Quote " backslash \\ slash / tab \t newline \n nul-escape \u0000 é 漢字 🎵', nested: { list: ['\u2028', '{"a":1}', ''] } };
    const compact = creator.intent({ record });
    const texts = [
      compact,
      // The same envelope content written differently: escapes in place of characters, and
      // whitespace between tokens. The digest is over the canonical form, so each is valid.
      creator.intent({ record }).replace('é', '\\u00e9').replace('🎵', '\\ud83c\\udfb5'),
      JSON.stringify(JSON.parse(creator.intent({ record })), null, 2),
    ];
    const values = (await acceptIntents(h.ctx({ openRegistration: true }), texts)).map(accepted);
    for (const [i, value] of values.entries()) {
      const stored = await h.pool.query('SELECT intent_json, receipt FROM records WHERE record_id = $1', [value.recordId]);
      expect(stored.rows[0]).toEqual({ intent_json: texts[i], receipt: value.receipt });
    }
    expect(texts[1]).toContain('\\u00e9');
    expect(texts[2]).toContain('\n  ');
    expect((await verifyLog(h.pool, h.logSigner)).intact).toBe(true);
  });

  it('answers the identical envelope again with the existing record and its receipt byte for byte, duplicate = true, and stores nothing new', async () => {
    const creator = newCreator();
    const text = creator.intent();
    const first = accepted((await acceptIntents(h.ctx({ openRegistration: true }), [text]))[0]);
    const before = await rowCounts(h);
    const again = accepted((await acceptIntents(h.ctx({ openRegistration: true }), [text]))[0]);
    expect(again).toMatchObject({ recordId: first.recordId, duplicate: true, receipt: first.receipt });
    expect(await rowCounts(h)).toEqual(before);
  });

  it('refuses a different envelope that reuses a nonce as NONCE_REUSED, naming the nonce, and audits it', async () => {
    const creator = newCreator();
    const nonce = 'c2FtZS1ub25jZS1zYW1lLW5vbmNl';
    accepted((await acceptIntents(h.ctx({ openRegistration: true }), [creator.intent({ nonce })]))[0]);
    const auditBefore = await h.count('log_entries');
    const [result] = await acceptIntents(h.ctx({ openRegistration: true }), [creator.intent({ nonce, record: { other: true } })]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['NONCE_REUSED', 'already_exists']);
    expect(result?.ok === false && result.error.message).toContain(nonce);
    expect(await h.count('log_entries')).toBe(auditBefore + 1);
  });

  it('lets another signer use the same nonce', async () => {
    const nonce = 'c2hhcmVkLW5vbmNlLWFjcm9zcy1zaWduZXJz';
    const results = await acceptIntents(h.ctx({ openRegistration: true }), [newCreator().intent({ nonce }), newCreator().intent({ nonce })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });
});

describe('refusals after the signature verified', () => {
  it('refuses an unregistered key as KEY_NOT_REGISTERED, leaving no row and no audit event', async () => {
    const before = await rowCounts(h);
    const [result] = await acceptIntents(h.ctx(), [newCreator().intent()]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['KEY_NOT_REGISTERED', 'permission_denied']);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('refuses a revoked key as KEY_REVOKED from the moment of revocation, even in an open node', async () => {
    const creator = newCreator();
    await registerKey(h.pool, { scheme: 'secp256k1', publicKey: creator.publicKey, label: '', quota: null }, 'test', 'admin', h.logSigner);
    accepted((await acceptIntents(h.ctx(), [creator.intent()]))[0]);
    await revokeKey(h.pool, 'secp256k1', creator.publicKey, 'leaked', 'admin', h.logSigner);
    for (const open of [false, true]) {
      const [result] = await acceptIntents(h.ctx({ openRegistration: open }), [creator.intent()]);
      expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['KEY_REVOKED', 'permission_denied']);
    }
  });

  it.each([
    ['11 minutes old', -11 * 60_000],
    ['11 minutes ahead', 11 * 60_000],
  ])('refuses a timestamp %s as STALE_INTENT', async (_name, offset) => {
    const creator = newCreator();
    const before = await h.count('records');
    const [result] = await acceptIntents(h.ctx({ openRegistration: true }), [creator.intent({ timestamp: new Date(Date.now() + offset).toISOString() })]);
    expect(result?.ok === false && [result.error.reason, result.error.status]).toEqual(['STALE_INTENT', 'failed_precondition']);
    expect(await h.count('records')).toBe(before);
  });

  it('accepts a timestamp just inside a configured window', async () => {
    const [result] = await acceptIntents(h.ctx({ openRegistration: true, windowMs: 60_000 }), [
      newCreator().intent({ timestamp: new Date(Date.now() - 55_000).toISOString() }),
    ]);
    expect(result?.ok).toBe(true);
  });

  it('refuses a target that is not enabled as UNKNOWN_TARGET, listing the enabled ones', async () => {
    const [result] = await acceptIntents(h.ctx({ openRegistration: true, enabledTargets: new Set(['bsv']) }), [newCreator().intent({ targets: ['bsv', 'arweave'] })]);
    expect(result?.ok === false && result.error.reason).toBe('UNKNOWN_TARGET');
    expect(result?.ok === false && result.error.message).toMatch(/arweave[\s\S]*bsv/);
  });
});

describe('a batch', () => {
  it('answers each intent in order, committing the good ones and refusing the rest', async () => {
    const creator = newCreator();
    const good = creator.intent();
    const results = await acceptIntents(h.ctx({ openRegistration: true }), [good, '{"not":"an intent"}', good, creator.intent({ targets: ['solana'] }), creator.intent()]);
    expect(results.map((r) => (r.ok ? (r.value.duplicate ? 'duplicate' : 'accepted') : r.error.reason))).toEqual([
      'accepted',
      'MALFORMED_INTENT',
      'duplicate',
      'UNKNOWN_TARGET',
      'accepted',
    ]);
  });
});

describe('the log after all of the above', () => {
  it('is intact: every entry, tile hash and the root agree with the latest signed checkpoint', async () => {
    const verification = await verifyLog(h.pool, h.logSigner);
    expect(verification).toMatchObject({ intact: true, firstBrokenIndex: -1 });
    expect(verification.checked).toBe(await h.count('log_entries'));
  });
});
