import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/index.ts';
import { acceptIntents } from '../../core/intake/index.ts';
import { newCreator } from '../support/creator.ts';
import { intakeHarness, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeEach(async () => {
  h = await intakeHarness();
  const texts = Array.from({ length: 10 }, () => newCreator().intent());
  await acceptIntents(h.ctx({ openRegistration: true }), texts);
  expect(await verifyAuditChain(h.pool)).toMatchObject({ intact: true, checked: 10, headSeq: 10 });
});
afterEach(async () => {
  await h?.close();
});

/** What someone with database access does to get past the append-only trigger. */
async function tamper(sql: string): Promise<void> {
  await h.pool.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
  await h.pool.query(sql);
  await h.pool.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
}

describe('VerifyChain finds edits made behind the node\'s back with plain SQL', () => {
  it('an edited field', async () => {
    await tamper("UPDATE audit_events SET actor = 'creator:someone-else' WHERE seq = 4");
    expect(await verifyAuditChain(h.pool)).toMatchObject({ intact: false, firstBrokenSeq: 4, checked: 3 });
  });

  it('edited data', async () => {
    await tamper(`UPDATE audit_events SET data_json = replace(data_json, '"bsv"', '"arweave"') WHERE seq = 7`);
    expect((await verifyAuditChain(h.pool)).firstBrokenSeq).toBe(7);
  });

  it('a deleted event', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 5');
    const result = await verifyAuditChain(h.pool);
    expect(result).toMatchObject({ intact: false, firstBrokenSeq: 5 });
    expect(result.detail).toMatch(/missing/);
  });

  it('a deleted tail, through the records that reference the removed events', async () => {
    await tamper('DELETE FROM audit_events WHERE seq > 8');
    const result = await verifyAuditChain(h.pool);
    expect(result).toMatchObject({ intact: false, firstBrokenSeq: 9, headSeq: 8 });
    expect(result.detail).toBe('the log ends at event 8 but records reference event 10');
  });

  it('an edit that also recomputes that event\'s own hash breaks the next link', async () => {
    const { auditHash } = await import('../../core/audit/index.ts');
    const { rows } = await h.pool.query('SELECT seq, at, kind, actor, subject, data_json, prev_hash FROM audit_events WHERE seq = 6');
    const row = rows[0];
    const forged = auditHash({ seq: 6, at: row.at, kind: row.kind, actor: 'admin', subject: row.subject, dataJson: row.data_json, prevHash: row.prev_hash });
    await tamper(`UPDATE audit_events SET actor = 'admin', hash = '${forged}' WHERE seq = 6`);
    expect(await verifyAuditChain(h.pool)).toMatchObject({ intact: false, firstBrokenSeq: 7 });
  });
});
