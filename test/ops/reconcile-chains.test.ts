import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchDatabase, type ScratchDatabase } from '../../kit/scratch-database.ts';
import { loadConfig } from '../../server/config/index.ts';
import { runReconcile } from '../../server/reconcile/run-reconcile.ts';

const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
let dir: string;
let db: ScratchDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reconcile-chains-'));
  db = await scratchDatabase(inject('adminDatabaseUrl'));
  await writeFile(join(dir, 'publisher.yaml'), [
      'chains:',
      '  enabled: [filelog, utxolegacy]',
      '  plugins:',
      `    filelog: ${resolve('examples/filelog-plugin')}`,
      `    utxolegacy: ${resolve('test/ops/support/utxo-without-reader-plugin.ts')}`,
      '',
    ].join('\n'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('publisher-node reconcile: chains it cannot reconcile', () => {
  it('reports as not reconciled, with the reason, a chain not funded by UTXOs and a UTXO chain whose adapter cannot read transactions back', async () => {
    const config = loadConfig({ PUBLISHER_PROFILE: 'dev', PUBLISHER_DATA_DIR: join(dir, 'data'), DATABASE_URL: db.url }, join(dir, 'publisher.yaml'));
    const report = await runReconcile(config, log);
    expect(report).toEqual({
      chains: [],
      notReconciled: [
        { chain: 'filelog', reason: expect.stringMatching(/^funded by nothing: its transactions cannot be found from the funding key's outputs/) },
        { chain: 'utxolegacy', reason: expect.stringMatching(/^its adapter cannot read transactions back \(no funding\.readTransaction\)/) },
      ],
    });
  });
});
