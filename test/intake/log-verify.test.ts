import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashLeaf, verifyLog } from '../../core/audit/index.ts';
import { acceptIntents } from '../../core/intake/index.ts';
import { newCreator } from '../support/creator.ts';
import { testLogSigner } from '../support/log-signer.ts';
import { intakeHarness, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
async function accept(n: number): Promise<void> {
  const results = await acceptIntents(h.ctx({ openRegistration: true }), Array.from({ length: n }, () => newCreator().intent()));
  expect(results.every((r) => r.ok)).toBe(true);
}
beforeEach(async () => {
  h = await intakeHarness();
  await accept(10);
  expect(await verifyLog(h.pool, h.logSigner)).toMatchObject({ intact: true, checked: 10, size: 10, firstBrokenIndex: -1 });
});
afterEach(async () => {
  await h?.close();
});

/** What someone with database access does to get past the append-only triggers. */
async function tamper(...statements: string[]): Promise<void> {
  for (const table of ['log_entries', 'log_hashes', 'log_checkpoints']) await h.pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  for (const sql of statements) await h.pool.query(sql);
  for (const table of ['log_entries', 'log_hashes', 'log_checkpoints']) await h.pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
}

describe("VerifyChain's full recompute finds edits made behind the node's back with plain SQL", () => {
  it('an edited entry', async () => {
    await tamper(`UPDATE log_entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'), '"bsv"', '"arweave"'), 'UTF8') WHERE idx = 4`);
    expect(await verifyLog(h.pool, h.logSigner)).toMatchObject({ intact: false, firstBrokenIndex: 4, checked: 4 });
  });

  it('an edited entry whose stored leaf hash is recomputed too: the root no longer matches the signed checkpoint', async () => {
    const { rows } = await h.pool.query<{ entry: Buffer }>('SELECT entry FROM log_entries WHERE idx = 6');
    const forged = Buffer.from(rows[0]!.entry.toString('utf8').replace(/"actor":"[^"]*"/, '"actor":"admin"'));
    await tamper(`UPDATE log_entries SET entry = '\\x${forged.toString('hex')}', leaf_hash = '\\x${hashLeaf(forged).toString('hex')}' WHERE idx = 6`);
    const result = await verifyLog(h.pool, h.logSigner);
    expect(result).toMatchObject({ intact: false, checked: 10 });
    expect(result.detail).toMatch(/not the root of the latest checkpoint/);
  });

  it('a deleted entry', async () => {
    await tamper('DELETE FROM log_entries WHERE idx = 5');
    const result = await verifyLog(h.pool, h.logSigner);
    expect(result).toMatchObject({ intact: false, firstBrokenIndex: 5 });
    expect(result.detail).toMatch(/missing/);
  });

  it('a cut tail with its checkpoints, through the records that reference the removed entries', async () => {
    const { rows } = await h.pool.query<{ note: string }>('SELECT note FROM log_checkpoints WHERE size = 10');
    expect(rows).toHaveLength(1);
    await tamper('DELETE FROM log_entries WHERE idx >= 8', 'DELETE FROM log_checkpoints WHERE size > 0');
    // The cut log, re-signed by someone who holds the key, is consistent with itself; the records still name entries 8 and 9.
    const root = (await verifyLog(h.pool, h.logSigner)).rootHash;
    await tamper(`INSERT INTO log_checkpoints (size, root_hash, note) VALUES (8, '\\x${root.toString('hex')}', '${h.logSigner.signCheckpoint(8, root)}')`);
    const result = await verifyLog(h.pool, h.logSigner);
    expect(result).toMatchObject({ intact: false, firstBrokenIndex: 8, size: 8 });
    expect(result.detail).toBe('the log ends at entry 7 but a record references entry 9');
  });

  it('a checkpoint not signed by the node\'s log key', async () => {
    const other = testLogSigner();
    const { rows } = await h.pool.query<{ root_hash: Buffer }>('SELECT root_hash FROM log_checkpoints WHERE size = 10');
    await tamper(`UPDATE log_checkpoints SET note = '${other.signCheckpoint(10, rows[0]!.root_hash).replaceAll(other.origin, h.logSigner.origin)}' WHERE size = 10`);
    expect((await verifyLog(h.pool, h.logSigner)).detail).toMatch(/not signed by this node's log key/);
  });
});

describe('stored tile hashes', () => {
  it('are checked against the entries under them', async () => {
    await accept(250);
    expect(await verifyLog(h.pool, h.logSigner)).toMatchObject({ intact: true, checked: 260 });
    const { rows } = await h.pool.query<{ level: number; idx: string }>('SELECT level, idx FROM log_hashes');
    expect(rows).toEqual([{ level: 1, idx: '0' }]);
    await tamper(`UPDATE log_hashes SET hash = '\\x${'00'.repeat(32)}' WHERE level = 1 AND idx = 0`);
    expect((await verifyLog(h.pool, h.logSigner)).detail).toBe('the stored tile hash 1/0 does not match the entries under it');
  });
});
