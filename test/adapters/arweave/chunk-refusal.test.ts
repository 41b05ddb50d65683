import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRaw } from '../../../adapters/arweave/raw-transaction.ts';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { acceptIntents } from '../../../core/intake/index.ts';
import { broadcastSigned, claimAndSign, defaultPipelineSettings, followConfirmations, silentObserver, type PipelineDeps } from '../../../core/pipeline/index.ts';
import { intakeHarness, type IntakeHarness } from '../../intake/intake-harness.ts';
import { arweaveRecordCensus } from '../../support/arweave-census.ts';
import { newCreator } from '../../support/creator.ts';
import { quietLog, startTestChain, type TestChain } from './support.ts';

/**
 * Issue 18, item 1: on arweave.net `POST /chunk` is answered by the ar.io core with its peers'
 * tally; a chunk posted before the peers have seen the header gets 400 and no
 * `data_root_not_found` text. The header was accepted and paid for: the bundle must be sent again
 * later (the core's back-off), never abandoned with its records requeued.
 */
let h: IntakeHarness;
let chain: TestChain;
const deps = (adapter: ChainAdapter): PipelineDeps => ({
  pool: h.pool,
  adapter,
  // No back-off wait: the retry is due at once, so the test needs no clock.
  settings: { ...defaultPipelineSettings, batchWindowMs: 0, retryBaseMs: 0 },
  log: quietLog,
  actor: 'worker:arweave:test',
  logSigner: h.logSigner,
  observer: silentObserver,
});

beforeAll(async () => {
  [h, chain] = await Promise.all([intakeHarness(), startTestChain()]);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await chain?.close();
});

describe('a chunk refused by an ar.io gateway before its peers have seen the header', () => {
  it('is sent again after the back-off: the bundle confirms, nothing abandoned, every record on chain once', async () => {
    const creators = Array.from({ length: 4 }, () => newCreator());
    const texts = creators.flatMap((creator) => Array.from({ length: 50 }, (_, n) => creator.intent({ targets: ['arweave'], record: { type: 'post', n } })));
    const accepted = await acceptIntents(h.ctx({ enabledTargets: new Set(['arweave']), openRegistration: true }), texts);
    const recordIds = accepted.map((result) => {
      if (!result.ok) throw new Error(`intake refused an intent: ${result.error.message}`);
      return result.value.recordId;
    });
    const d = deps(chain.adapter({ confirmationDepth: 2 }));

    expect(await claimAndSign(d)).toMatchObject({ kind: 'signed', records: 200 });
    const { rows: signed } = await h.pool.query<{ raw_tx: Buffer }>(`SELECT raw_tx FROM chain_txs WHERE chain = 'arweave'`);
    expect(decodeRaw(signed[0]!.raw_tx).data.length).toBeGreaterThan(256 * 1024); // sent as header, then chunks

    chain.devnet.faults.unseenHeaders(1);
    expect(await broadcastSigned(d)).toEqual({ broadcast: 0, retrying: 1, abandoned: 0 });
    expect(await broadcastSigned(d)).toEqual({ broadcast: 1, retrying: 0, abandoned: 0 });
    await chain.devnet.mine(2);
    expect(await followConfirmations(d, 0)).toEqual({ checked: 1, confirmed: 1, abandoned: 0 });

    const { rows: txs } = await h.pool.query<{ status: string }>(`SELECT status FROM chain_txs WHERE chain = 'arweave'`);
    expect(txs.map((tx) => tx.status)).toEqual(['confirmed']);
    const { rows: kinds } = await h.pool.query<{ kind: string }>(`SELECT DISTINCT kind FROM audit_events WHERE kind LIKE 'tx.%' ORDER BY kind`);
    expect(kinds.map((row) => row.kind)).not.toContain('tx.abandoned');
    const { rows: publications } = await h.pool.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM publications WHERE chain = 'arweave'`);
    expect(publications.length).toBe(200);
    expect(publications.every((p) => p.status === 'confirmed' && p.attempts === 0)).toBe(true);
    const census = await arweaveRecordCensus(chain.devnet.url);
    expect(recordIds.filter((id) => census.get(id) !== 1)).toEqual([]);
  }, 120_000);
});
