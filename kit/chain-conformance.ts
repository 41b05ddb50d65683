import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIntentLimits } from '../core/intent/index.ts';
import { isRetryable, type BatchRecord, type LogCheckpoint, type SignedTransaction, type TxStatus } from '../core/adapter/index.ts';
import { checkpointSigner, generateLogKeyHex, logKeyFromSeedHex } from '../core/audit/index.ts';
import { checkAnchors, checkCheckpointAnchors } from '../sdk/verify/check-anchors.ts';
import type { ProofCheck } from '../sdk/verify/index.ts';
import { readIntent } from '../sdk/verify/read-intent.ts';
import { batchRecord, batchRecords } from './batch-records.ts';
import type { ConformanceSetup } from './conformance-setup.ts';
import { newCreator } from './test-creator.ts';

type Mined = Extract<TxStatus, { kind: 'mined' }>;

/**
 * The suite every chain runs against a chain of its own (style.md: one shared suite, each
 * chain's file a few lines): the adapter contract (core/adapter/chain-adapter.ts) from estimate
 * to mined, and the chain's verifier on the anchors its adapter makes. Chain-specific behaviour
 * is tested beside each adapter. Call it at the top level of a vitest file.
 */
export function chainConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  describe(`chain conformance: ${name}`, () => {
    let s: ConformanceSetup;
    beforeAll(async () => {
      s = await setup();
    }, 180_000);
    afterAll(async () => {
      await s?.close();
    }, 120_000);
    const target = () => s.adapter.name;
    const built = async (batch: readonly BatchRecord[]) => s.adapter.build(batch, await s.grant(batch));
    /** Broadcasts, mines to the confirmation depth, and returns the mined status. */
    const published = async (tx: SignedTransaction): Promise<Mined> => {
      expect(await s.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
      await s.mine(s.adapter.capabilities.confirmationDepth);
      const status = await s.adapter.status(tx.txid);
      expect(status.kind).toBe('mined');
      return status as Mined;
    };

    it('describes itself: name, network, operator address and sane capabilities', () => {
      expect(s.adapter.name).toBe(name);
      expect(s.verifier.chain).toBe(name);
      expect(s.adapter.network).not.toBe('');
      expect(s.adapter.operatorAddress).not.toBe('');
      expect(s.adapter.capabilities.maxRecordsPerTransaction).toBeGreaterThanOrEqual(1);
      expect(s.adapter.capabilities.maxRecordBytes).toBeGreaterThan(0);
      expect(s.adapter.capabilities.confirmationDepth).toBeGreaterThanOrEqual(1);
    });

    it('reports itself healthy when its chain answers', async () => {
      expect(await s.adapter.health()).toMatchObject({ ok: true });
    });

    it('estimates a cost in one unit that does not shrink as the batch grows (positive and growing unless the chain is free)', async () => {
      const one = await s.adapter.estimate(batchRecords(1, [target()]));
      const ten = await s.adapter.estimate(batchRecords(10, [target()]));
      expect(ten.unit).toBe(one.unit);
      expect(one.unit).not.toBe('');
      expect(ten.amount).toBeGreaterThanOrEqual(one.amount);
      if (s.adapter.funding.model === 'none') return;
      expect(one.amount).toBeGreaterThan(0n);
      expect(ten.amount).toBeGreaterThan(one.amount);
    });

    it('builds one signed transaction for a batch, with a distinct locator per record, in order', async () => {
      const tx = await built(batchRecords(5, [target()]));
      expect(tx.txid).toMatch(/^[0-9a-zA-Z_-]{40,}$/);
      expect(tx.raw.byteLength).toBeGreaterThan(0);
      expect(tx.locators).toHaveLength(5);
      expect(new Set(tx.locators).size).toBe(5);
      expect(tx.fee).toBeGreaterThanOrEqual(0n);
    });

    it('broadcasts idempotently and follows the transaction to the confirmation depth (at once, for a chain with instant finality)', async () => {
      const tx = await built(batchRecords(3, [target()]));
      expect(await s.adapter.broadcast(tx)).toEqual({ kind: 'accepted' });
      expect((await s.adapter.broadcast(tx)).kind).toMatch(/^(already_known|accepted)$/);
      expect((await s.adapter.status(tx.txid)).kind).toMatch(/^(pending|mined)$/);
      await s.mine(s.adapter.capabilities.confirmationDepth);
      const status = await s.adapter.status(tx.txid);
      expect(status.kind).toBe('mined');
      if (status.kind !== 'mined') return;
      expect(status.confirmations).toBeGreaterThanOrEqual(s.adapter.capabilities.confirmationDepth);
      expect(status.blockHeight).toBeGreaterThan(0);
      expect(status.blockHash).not.toBe('');
      expect((await s.adapter.broadcast(tx)).kind).toMatch(/^(already_known|accepted)$/);
    });

    it('reports a transaction the chain never saw as unknown', async () => {
      const tx = await built(batchRecords(1, [target()]));
      expect(await s.adapter.status(tx.txid)).toEqual({ kind: 'unknown' });
      expect((await s.adapter.status(randomBytes(32).toString('hex'))).kind).toBe('unknown');
    });

    it("makes anchors its verifier accepts, each for its own record, and refuses tampered ones", async () => {
      const batch = batchRecords(2, [target()]);
      const tx = await built(batch);
      const mined = await published(tx);
      const anchors = batch.map((_, i) =>
        s.adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.locators[i]!, blockHash: mined.blockHash, blockHeight: mined.blockHeight, confirmations: mined.confirmations, proof: mined.proof }),
      );
      for (const [i, anchor] of anchors.entries()) {
        expect(anchor).toMatchObject({ chain: s.adapter.name, network: s.adapter.network });
        const checks = await verified(batch[i]!, anchor);
        expect(checks.length).toBeGreaterThan(0);
        expect(checks.every((check) => check.name.startsWith(`${s.adapter.name}.`))).toBe(true);
        expect(checks.filter((check) => !check.ok)).toEqual([]);
      }
      // Record 0's anchor offered as record 1's, and an anchor whose every field but chain and network changed.
      expect((await verified(batch[1]!, anchors[0]!)).some((check) => !check.ok)).toBe(true);
      expect((await verified(batch[0]!, tampered(anchors[0]!))).some((check) => !check.ok)).toBe(true);
    });

    it("anchors a log checkpoint its verifier accepts, and no other note (chains with `checkpoints`)", async () => {
      const publishing = s.adapter.checkpoints;
      if (publishing === undefined) return; // optional: a chain without it is not anchored (plugins.md)
      expect(s.verifier.verifyCheckpoint, 'a chain that anchors checkpoints needs a verifier that checks them').toBeDefined();
      const signer = checkpointSigner(logKeyFromSeedHex(generateLogKeyHex()), 'conformance.chain-publisher.invalid/log');
      const checkpointOf = (treeSize: number): LogCheckpoint => {
        const rootHash = randomBytes(32);
        return { note: signer.signCheckpoint(treeSize, rootHash), origin: signer.origin, treeSize, rootHash };
      };
      const checkpoint = checkpointOf(1_234);
      const cost = await publishing.estimate(checkpoint);
      expect(cost.unit).toBe((await s.adapter.estimate(batchRecords(1, [target()]))).unit);
      if (s.adapter.funding.model !== 'none') expect(cost.amount).toBeGreaterThan(0n);
      const tx = await publishing.build(checkpoint, await s.grant(batchRecords(1, [target()])));
      expect(tx.locators).toHaveLength(1);
      const mined = await published(tx);
      const anchor = s.adapter.anchor({ txid: tx.txid, raw: tx.raw, locator: tx.locators[0]!, blockHash: mined.blockHash, blockHeight: mined.blockHeight, confirmations: mined.confirmations, proof: mined.proof });
      expect(anchor).toMatchObject({ chain: s.adapter.name, network: s.adapter.network });
      const checks = await checkpointVerified(anchor, checkpoint);
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.every((check) => check.name.startsWith(`${s.adapter.name}.`))).toBe(true);
      expect(checks.filter((check) => !check.ok)).toEqual([]);
      // The same anchor offered for another checkpoint, and tampered.
      expect((await checkpointVerified(anchor, checkpointOf(1_235))).some((check) => !check.ok)).toBe(true);
      expect((await checkpointVerified(tampered(anchor), checkpoint)).some((check) => !check.ok)).toBe(true);
    });

    it('refuses a record it can never carry as too_large at build, naming it, and builds the others (unless records are fixed-size on chain)', async () => {
      const [small] = batchRecords(1, [target()]);
      const pad = 'x'.repeat(s.adapter.capabilities.maxRecordBytes + 1);
      // Past a node's intent limit if need be: a node may be configured to take larger intents.
      const huge = batchRecord(newCreator().intent({ targets: [target()], record: { type: 'post', body: pad } }), { ...defaultIntentLimits, maxEnvelopeBytes: Infinity });
      const batch = [small!, huge];
      if (s.fixedRecordSize) {
        expect((await built(batch)).locators).toHaveLength(2);
        return;
      }
      const error: unknown = await built(batch).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ reason: 'too_large', recordIds: [huge.recordId] });
      expect((await built([small!])).locators).toHaveLength(1);
    });

    it('never gets a corrupted transaction accepted: the chain rejects it with a final reason, or the adapter refuses to send it', async () => {
      const tx = await built(batchRecords(1, [target()]));
      const bad = s.corrupt ? s.corrupt(tx) : flipMiddle(tx);
      const outcome = await s.adapter.broadcast(bad).catch((error: unknown) => ({ kind: 'thrown' as const, error }));
      if (outcome.kind === 'thrown') {
        expect(outcome.error).toBeInstanceOf(Error);
        return;
      }
      expect(outcome.kind).toBe('rejected');
      if (outcome.kind === 'rejected') expect(isRetryable(outcome.reason)).toBe(false);
    });

    it('never confirms two spends of the same funding: the loser ends with the closed reason double_spend (UTXO chains)', async () => {
      if (s.adapter.funding.model !== 'utxo') {
        expect(['account', 'none']).toContain(s.adapter.funding.model); // no double spend to cause
        return;
      }
      const first = batchRecords(1, [target()]);
      const grant = await s.grant(first);
      const a = await s.adapter.build(first, grant);
      const b = await s.adapter.build(batchRecords(1, [target()]), grant);
      expect(await s.adapter.broadcast(a)).toEqual({ kind: 'accepted' });
      const second = await s.adapter.broadcast(b);
      if (second.kind === 'rejected') {
        expect(second).toMatchObject({ reason: 'double_spend' });
        return;
      }
      // Taken while the race is open (ARC's DOUBLE_SPEND_ATTEMPTED): a block settles it.
      expect(second.kind).toBe('accepted');
      await s.mine(1);
      expect(await s.adapter.status(a.txid)).toMatchObject({ kind: 'mined' });
      expect(await s.adapter.status(b.txid)).toMatchObject({ kind: 'rejected', reason: 'double_spend' });
    });

    it('reads its own transaction back: the records at their locators, the inputs it was granted, its change (UTXO chains with readTransaction)', async () => {
      const { funding } = s.adapter;
      if (funding.model !== 'utxo' || funding.readTransaction === undefined) return; // optional: reconcile reports such a chain as not reconciled
      const batch = batchRecords(2, [target()]);
      const grant = await s.grant(batch);
      const tx = await s.adapter.build(batch, grant);
      await published(tx);
      const back = await funding.readTransaction(tx.txid);
      const byVout = (a: { vout: number }, b: { vout: number }) => a.vout - b.vout;
      expect(back?.checkpoints ?? []).toEqual([]);
      expect(back && { ...back, checkpoints: undefined, raw: Buffer.from(back.raw).toString('hex'), operatorOutputs: [...back.operatorOutputs].sort(byVout) }).toEqual({
        txid: tx.txid,
        raw: Buffer.from(tx.raw).toString('hex'),
        operatorInputs: grant.model === 'utxo' ? grant.inputs.map(({ txid, vout }) => ({ txid, vout })) : [],
        operatorOutputs: [...tx.change].sort(byVout),
        records: batch.map((record, i) => ({ recordId: record.recordId, locator: tx.locators[i]! })),
      });
      expect(await funding.readTransaction(randomBytes(32).toString('hex'))).toBeUndefined();
      // A checkpoint's transaction reads back with its note at its locator, and no record.
      if (s.adapter.checkpoints === undefined) return;
      const signer = checkpointSigner(logKeyFromSeedHex(generateLogKeyHex()), 'conformance.chain-publisher.invalid/log');
      const rootHash = randomBytes(32);
      const note = signer.signCheckpoint(77, rootHash);
      const anchorTx = await s.adapter.checkpoints.build({ note, origin: signer.origin, treeSize: 77, rootHash }, await s.grant(batchRecords(1, [target()])));
      await published(anchorTx);
      const anchorBack = await funding.readTransaction(anchorTx.txid);
      expect(anchorBack).toMatchObject({ txid: anchorTx.txid, records: [], checkpoints: [{ note, locator: anchorTx.locators[0] }] });
    });

    it('finds its own mined transactions back, records and checkpoints at their locators, and skips the known ones (chains with findPublished)', async () => {
      if (s.adapter.findPublished === undefined) return; // optional: reconcile reports such a chain as not reconciled (UTXO chains use readTransaction)
      const batch = batchRecords(2, [target()]);
      const tx = await built(batch);
      const mined = await published(tx);
      const signer = checkpointSigner(logKeyFromSeedHex(generateLogKeyHex()), 'conformance.chain-publisher.invalid/log');
      const rootHash = randomBytes(32);
      const note = signer.signCheckpoint(99, rootHash);
      const anchorTx = s.adapter.checkpoints === undefined ? undefined : await s.adapter.checkpoints.build({ note, origin: signer.origin, treeSize: 99, rootHash }, await s.grant(batchRecords(1, [target()])));
      if (anchorTx !== undefined) await published(anchorTx);
      const found = await s.adapter.findPublished({ known: new Set(), sinceHeight: mined.blockHeight });
      const back = found.transactions.find((t) => t.txid === tx.txid);
      expect(back).toMatchObject({ txid: tx.txid, blockHeight: mined.blockHeight, records: batch.map((record, i) => ({ recordId: record.recordId, locator: tx.locators[i]! })) });
      expect(Buffer.from(back!.raw).equals(Buffer.from(tx.raw))).toBe(true);
      if (anchorTx !== undefined) {
        expect(found.transactions.find((t) => t.txid === anchorTx.txid)).toMatchObject({ records: [], checkpoints: [{ note, locator: anchorTx.locators[0] }] });
      }
      const again = await s.adapter.findPublished({ known: new Set([tx.txid, ...(anchorTx ? [anchorTx.txid] : [])]), sinceHeight: mined.blockHeight });
      expect(again.transactions.map((t) => t.txid)).not.toContain(tx.txid);
    });

    // Last: the chain does not come back.
    it('reports an unreachable chain unhealthy, and a broadcast to it as a retryable refusal', async () => {
      const tx = await built(batchRecords(1, [target()]));
      await s.outage();
      expect(await s.adapter.health()).toMatchObject({ ok: false });
      const outcome = await s.adapter.broadcast(tx);
      expect(outcome.kind).toBe('rejected');
      if (outcome.kind === 'rejected') expect(isRetryable(outcome.reason)).toBe(true);
    }, 120_000);

    /** The chain's verifyCheckpoint on this anchor, through the SDK's walk of a proof's checkpoint anchors. */
    const checkpointVerified = async (anchor: object, checkpoint: LogCheckpoint): Promise<readonly ProofCheck[]> => {
      const logKey = s.logKey === undefined ? {} : { logKey: { key: s.logKey, fromBundle: false } };
      const { note, origin, treeSize, rootHash } = checkpoint;
      const found = await checkCheckpointAnchors([JSON.parse(JSON.stringify(anchor))], { verifiers: [s.verifier], note, origin, treeSize, rootHash, blockHeaders: undefined, ...logKey });
      return found.checks;
    };

    /** The chain's verifier on this anchor, through the SDK's anchor walk, against the record's intent and what its receipt entry records. */
    const verified = async (record: BatchRecord, anchor: object): Promise<readonly ProofCheck[]> => {
      const { facts } = await readIntent(record.intentJson);
      const receipt = { recordId: record.recordId, creator: record.creator, targets: [target()] };
      const logKey = s.logKey === undefined ? {} : { logKey: { key: s.logKey, fromBundle: false } };
      const found = await checkAnchors([JSON.parse(JSON.stringify(anchor))], { verifiers: [s.verifier], facts, receipt, blockHeaders: undefined, ...logKey });
      return found.checks;
    };
  });
}

function flipMiddle(tx: SignedTransaction): SignedTransaction {
  const raw = Uint8Array.from(tx.raw);
  const at = Math.floor(raw.length / 2);
  raw[at] = raw[at]! ^ 0xff;
  return { ...tx, raw };
}

/** Every field but `chain` and `network` changed: a verifier that still passes checks nothing. */
function tampered(anchor: object): object {
  return Object.fromEntries(
    Object.entries(anchor).map(([key, value]) => {
      if (key === 'chain' || key === 'network') return [key, value];
      if (typeof value === 'string') return [key, value.length > 0 ? `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}` : 'x'];
      if (typeof value === 'number') return [key, value + 1];
      return [key, value];
    }),
  );
}
