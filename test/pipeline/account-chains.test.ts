import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainAdapter } from '../../core/adapter/index.ts';
import { canReserve, reservedAmount } from '../../core/funding/index.ts';
import { acceptIntents } from '../../core/intake/index.ts';
import { claimAndSign, defaultPipelineSettings, silentObserver, type PipelineDeps } from '../../core/pipeline/index.ts';
import { withTransaction } from '../../core/store/index.ts';
import pino from 'pino';
import { chainBalances } from '../../server/rpc/services/funding-service.ts';
import type { ChainRuntime } from '../../server/chains/chain-runtime.ts';
import { intakeHarness, type IntakeHarness } from '../intake/intake-harness.ts';
import { newCreator } from '../support/creator.ts';
import { ledgerAdapter } from '../support/ledger-plugin/ledger-plugin.ts';

let h: IntakeHarness;
const log = pino({ level: 'silent' });
// Two account chains of the same plugin, each with 100 grains; a record costs 30.
const lega = ledgerAdapter('lega', 100n, 30n);
const legb = ledgerAdapter('legb', 100n, 30n);
const deps = (adapter: ChainAdapter): PipelineDeps => ({
  pool: h.pool,
  adapter,
  settings: { ...defaultPipelineSettings, batchSize: 1, batchWindowMs: 0 },
  log,
  actor: `worker:${adapter.name}:test`,
  logSigner: h.logSigner,
  observer: silentObserver,
});
const runtime = (adapter: ChainAdapter): ChainRuntime => ({ adapter, pipeline: defaultPipelineSettings, unit: 'grain', fundingAlarm: 20n, pool: null, routes: [], stop: async () => undefined }) as ChainRuntime;

beforeAll(async () => {
  h = await intakeHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('two account-funded chains', () => {
  it('reserve against their own balances: one chain spent to its last record leaves the other untouched', async () => {
    const creator = newCreator();
    const texts = [0, 1, 2, 3].map((n) => creator.intent({ targets: ['lega', 'legb'], record: { type: 'post', n } }));
    const accepted = await acceptIntents(h.ctx({ enabledTargets: new Set(['lega', 'legb']), openRegistration: true }), texts);
    expect(accepted.every((result) => result.ok)).toBe(true);

    // lega signs three batches of one record (90 of its 100 grains); the fourth does not fit.
    for (let n = 0; n < 3; n++) expect(await claimAndSign(deps(lega))).toMatchObject({ kind: 'signed', records: 1 });
    expect(await claimAndSign(deps(lega))).toEqual({ kind: 'unfunded', needed: 30n });
    // legb's balance is whole: what lega reserved is not counted against it.
    expect(await claimAndSign(deps(legb))).toMatchObject({ kind: 'signed', records: 1 });
    expect([await reservedAmount(h.pool, 'lega'), await reservedAmount(h.pool, 'legb')]).toEqual([90n, 30n]);

    const chains = new Map([['lega', runtime(lega)], ['legb', runtime(legb)]]);
    const balances = await chainBalances(h.pool, chains);
    expect(balances.map(({ chain, unit, available, reserved, low, utxoPool }) => ({ chain, unit, available, reserved, low, utxoPool }))).toEqual([
      { chain: 'lega', unit: 'grain', available: '10', reserved: '90', low: true, utxoPool: false },
      { chain: 'legb', unit: 'grain', available: '70', reserved: '30', low: false, utxoPool: false },
    ]);
  });

  it('lock per chain: a reservation in progress on one chain does not hold up the other', async () => {
    let releaseFirst!: () => void;
    let firstHolds!: () => void;
    const holding = new Promise<void>((resolve) => (firstHolds = resolve));
    const first = withTransaction(h.pool, async (client) => {
      await canReserve(client, 'lega', 1_000n, 1n);
      firstHolds();
      await new Promise<void>((resolve) => (releaseFirst = resolve));
    });
    await holding;
    // While lega's ledger lock is held, legb reserves (this would wait forever on a shared lock).
    expect(await withTransaction(h.pool, (client) => canReserve(client, 'legb', 1_000n, 1n))).toBe(true);
    const { rows } = await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted");
    expect(rows[0]!.n).toBe(1);
    releaseFirst();
    await first;
  });
});
