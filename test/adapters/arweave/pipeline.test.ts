import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { acceptIntents } from '../../../core/intake/index.ts';
import { broadcastSigned, claimAndSign, defaultPipelineSettings, followConfirmations, silentObserver, type PipelineDeps } from '../../../core/pipeline/index.ts';
import { buildProof } from '../../../core/proofs/index.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import { verifyProof } from '../../../sdk/verify/index.ts';
import { intakeHarness, type IntakeHarness } from '../../intake/intake-harness.ts';
import { newCreator } from '../../support/creator.ts';
import { quietLog, startTestChain, type TestChain } from './support.ts';

let h: IntakeHarness;
let chain: TestChain;
const deps = (adapter: ChainAdapter): PipelineDeps => ({
  pool: h.pool,
  adapter,
  settings: { ...defaultPipelineSettings, batchWindowMs: 0 },
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

describe('the core pipeline publishing through the Arweave adapter', () => {
  it('claims, signs and writes ahead; a restarted worker broadcasts the stored bytes; confirmation; proofs verify', async () => {
    const creators = [newCreator(), newCreator(arweaveRsaPssScheme)];
    const texts = creators.flatMap((creator) => [0, 1].map((n) => creator.intent({ targets: ['arweave'], record: { type: 'post', n } })));
    const accepted = await acceptIntents(h.ctx({ enabledTargets: new Set(['arweave']), openRegistration: true }), texts);
    const recordIds = accepted.map((result) => {
      if (!result.ok) throw new Error(`intake refused an intent: ${result.error.message}`);
      return result.value.recordId;
    });

    const first = chain.adapter({ confirmationDepth: 2 });
    expect(await claimAndSign(deps(first))).toMatchObject({ kind: 'signed', records: 4 });
    // The process that signed dies here; another, with its own adapter instance, carries on.
    const second = chain.adapter({ confirmationDepth: 2 });
    expect(await broadcastSigned(deps(second))).toEqual({ broadcast: 1, retrying: 0, abandoned: 0 });
    await chain.devnet.mine(2);
    expect(await followConfirmations(deps(second), 0)).toEqual({ checked: 1, confirmed: 1, abandoned: 0 });

    const { rows } = await h.pool.query<{ status: string; locator: string }>(`SELECT status, locator FROM publications WHERE chain = 'arweave' ORDER BY id`);
    expect(rows.map((row) => row.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    const { rows: balance } = await h.pool.query<{ status: string }>("SELECT status FROM funding_reservations WHERE chain = 'arweave'");
    expect(balance.map((row) => row.status)).toEqual(['settled']);
    for (const recordId of recordIds) {
      const proof = await buildProof(h.pool, new Map([['arweave', second]]), recordId, h.logSigner.verifierKey);
      expect(proof.complete).toBe(true);
      const report = await verifyProof(proof.json, { logKey: h.logSigner.verifierKey });
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report).toMatchObject({ ok: true, recordId });
    }
  }, 60_000);
});
