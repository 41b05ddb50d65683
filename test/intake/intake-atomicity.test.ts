import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptIntents } from '../../core/intake/index.ts';
import { newCreator } from '../support/creator.ts';
import { intakeHarness, rowCounts, type IntakeHarness } from './intake-harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await intakeHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('one transaction per batch', () => {
  it('leaves no nonce, record, publication, log entry or checkpoint when the last write of the transaction fails', async () => {
    // A fault we cannot cause from outside: the database refuses the publications insert, the
    // last statement of the transaction, after nonces, the log's rows and records were written.
    await h.pool.query(`CREATE FUNCTION refuse_publication() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await h.pool.query('CREATE TRIGGER refuse_publication BEFORE INSERT ON publications FOR EACH ROW EXECUTE FUNCTION refuse_publication()');
    const before = await rowCounts(h);
    await expect(acceptIntents(h.ctx({ openRegistration: true }), [newCreator().intent(), newCreator().intent()])).rejects.toThrow('injected fault');
    expect(await rowCounts(h)).toEqual(before);

    await h.pool.query('DROP TRIGGER refuse_publication ON publications');
    const results = await acceptIntents(h.ctx({ openRegistration: true }), [newCreator().intent()]);
    expect(results[0]?.ok).toBe(true);
    const after = await rowCounts(h);
    expect(after).toEqual({
      nonces: before['nonces']! + 1,
      records: before['records']! + 1,
      publications: before['publications']! + 1,
      log_entries: before['log_entries']! + 1,
      log_checkpoints: before['log_checkpoints']! + 1,
    });
  });

  it('answers STORE_UNAVAILABLE for every intent when the database cannot be reached, and does not throw', async () => {
    const pg = await import('pg');
    const dead = new pg.default.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 1000 });
    dead.on('error', () => undefined);
    const results = await acceptIntents(h.ctx({ pool: dead, openRegistration: true }), [newCreator().intent(), '{"bad": 1}']);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.reason}/${r.error.status}`))).toEqual(['STORE_UNAVAILABLE/unavailable', 'MALFORMED_INTENT/invalid_argument']);
    await dead.end();
  });
});
