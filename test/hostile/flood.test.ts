import { createClient } from '@connectrpc/connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { PublishService, type PublishBatchResponse } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { ATTACKER_ADDRESS, HOSTILE_ADMIN_TOKEN, startHostileNode, type HostileNode } from './support/hostile-node.ts';
import { describeError, grpcFrom, legitClient, legitPublish, outcome, percentiles, pool, rawConnectCall, tally, type LegitClient } from './support/clients.ts';

/**
 * One peer floods the node with work it will refuse (issue 16, item 5: unregistered intents cost
 * CPU before the registry was asked, and nothing limited a client) while a legitimate client
 * publishes beside it from another address. The attacker must meet its per-peer limits, the
 * node's budgets and the registry; the legitimate client must be served every time (retrying
 * NODE_BUSY as told). Its latency is reported, never asserted: this machine is shared.
 */
const PEER_CALLS_PER_SECOND = 20;
const MEMORY_BOUND_MIB = 150;
/** The attack runs until this much time has passed or its calls run out, whichever is first. */
const ATTACK_MS = 5_000;
const ATTACK_MAX_CALLS = 5_000;
const ROGUE_ADDRESS = '127.0.0.4';
const AUDITED_REFUSALS_PER_MINUTE = 5;

let node: HostileNode;
let legit: LegitClient;
beforeAll(async () => {
  node = await startHostileNode({
    PUBLISHER_PEER_CALLS_PER_SECOND: String(PEER_CALLS_PER_SECOND),
    PUBLISHER_PEER_BYTES_PER_SECOND: String(1 << 20),
    PUBLISHER_INTAKE_QUEUE_BYTES: String(1 << 20),
    PUBLISHER_BODY_BYTES_IN_FLIGHT: String(8 << 20),
    PUBLISHER_AUDITED_REFUSALS_PER_MINUTE: String(AUDITED_REFUSALS_PER_MINUTE),
  });
  legit = await legitClient(node.url);
});
afterAll(async () => {
  await node?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const admin = { headers: { authorization: `Bearer ${HOSTILE_ADMIN_TOKEN}` } };
const audit = () => createClient(AuditService, grpcFrom(node.url, '127.0.0.5'));

/** The audit events after `seq`. */
async function eventsAfter(seq: bigint) {
  const { events } = await audit().listEvents({ fromSeq: seq + 1n, pageSize: 1000 }, admin);
  return events;
}

async function lastSeq(): Promise<bigint> {
  let seq = 0n;
  for (;;) {
    const events = await eventsAfter(seq);
    if (events.length === 0) return seq;
    seq = events.at(-1)!.seq;
  }
}

/** A legitimate client's Publish calls, about ten a second (under its own peer limit), until `until` says stop. */
async function legitLoop(until: () => boolean, atLeast: number): Promise<{ ms: number[]; retries: number; recordIds: string[] }> {
  const ms: number[] = [];
  const recordIds: string[] = [];
  let retries = 0;
  while (ms.length < atLeast || !until()) {
    const r = await legitPublish(legit);
    ms.push(r.ms);
    recordIds.push(r.recordId);
    retries += r.retries;
    await sleep(100);
  }
  return { ms, retries, recordIds };
}

/** What a PublishBatch answered: a refusal of the whole call, or its items' outcomes. */
function batchOutcome(res: PublishBatchResponse): string {
  const items = tally(res.results.map((r) => (r.result.case === 'refused' ? r.result.value.reason : (r.result.case ?? 'empty'))));
  return `batch ${Object.keys(items).sort().join('+')}`;
}

describe('a peer floods Publish and PublishBatch beside a legitimate client', () => {
  it('refuses the flood (PEER_RATE_LIMITED, NODE_BUSY, KEY_NOT_REGISTERED), serves every legitimate call, keeps its memory bounded; reports the legitimate p99', async () => {
    const strangers = Array.from({ length: 50 }, () => newCreator());
    const unaryIntents = strangers.map((c) => c.intent());
    const batchIntents = Array.from({ length: 1_000 }, (_, i) => strangers[i % strangers.length]!.intent());
    const sixtyMiB = Buffer.concat([Buffer.from([0x7a, 0x80, 0x80, 0x80, 0x1e]), Buffer.alloc(60 << 20)]);
    const attacker = createClient(PublishService, grpcFrom(node.url, ATTACKER_ADDRESS));
    const seqBefore = await lastSeq();

    const quiet = await legitLoop(() => true, 20);

    let attacking = true;
    const started = performance.now();
    const more = () => attacking && performance.now() - started < ATTACK_MS;
    const { result, growthMiB, beforeMiB, peakMiB } = await node.measure(async () => {
      const unary = (async () => {
        const outcomes: string[] = [];
        await Promise.all(
          Array.from({ length: 32 }, async (_, lane) => {
            for (let i = lane; more() && outcomes.length < ATTACK_MAX_CALLS; i += 32) {
              outcomes.push(await outcome(attacker.publish({ intentJson: unaryIntents[i % unaryIntents.length]! }, { timeoutMs: 20_000 })));
            }
          }),
        );
        return outcomes;
      })();
      const batches = pool(Array.from({ length: 12 }), 4, () =>
        attacker.publishBatch({ intentJsons: batchIntents }, { timeoutMs: 20_000 }).then(batchOutcome, describeError),
      );
      const huge = Promise.all(
        Array.from({ length: 2 }, () => rawConnectCall(node.url, '/publisher.v1.PublishService/PublishBatch', {}, sixtyMiB, ATTACKER_ADDRESS)),
      );
      const beside = legitLoop(() => !more(), 10);
      const [u, b, h] = await Promise.all([unary, batches, huge]);
      attacking = false;
      return { unary: u, batches: b, huge: h.map((a) => (a.status === 0 ? 'connection closed' : `${a.code} ${a.reason}`)), beside: await beside };
    });

    const calm = percentiles(quiet.ms);
    const stormy = percentiles(result.beside.ms);
    console.log(
      `[hostile] flood: legitimate Publish alone p50 ${calm.p50.toFixed(1)} ms, p99 ${calm.p99.toFixed(1)} ms (n=${calm.n}); ` +
        `beside the attack p50 ${stormy.p50.toFixed(1)} ms, p99 ${stormy.p99.toFixed(1)} ms, max ${stormy.max.toFixed(1)} ms (n=${stormy.n}, ${result.beside.retries} NODE_BUSY retries); ` +
        `attacker unary ${JSON.stringify(tally(result.unary))}, batches ${JSON.stringify(tally(result.batches))}, 60 MiB bodies ${JSON.stringify(result.huge)}; ` +
        `node RSS ${beforeMiB.toFixed(0)} -> peak ${peakMiB.toFixed(0)} MiB`,
    );

    // Every legitimate call was served (legitPublish throws on anything but success after NODE_BUSY retries).
    expect(result.beside.recordIds.length).toBeGreaterThanOrEqual(10);
    expect(new Set([...quiet.recordIds, ...result.beside.recordIds]).size).toBe(quiet.recordIds.length + result.beside.recordIds.length);

    // The attacker met the limits, the budgets and the registry, and nothing else.
    const unary = tally(result.unary);
    expect(Object.keys(unary).filter((o) => !['ResourceExhausted PEER_RATE_LIMITED', 'ResourceExhausted NODE_BUSY', 'PermissionDenied KEY_NOT_REGISTERED'].includes(o))).toEqual([]);
    expect(unary['ResourceExhausted PEER_RATE_LIMITED']).toBeGreaterThan(0);
    expect(unary['PermissionDenied KEY_NOT_REGISTERED']).toBeGreaterThan(0);
    for (const b of result.batches) expect(['batch KEY_NOT_REGISTERED', 'ResourceExhausted PEER_RATE_LIMITED', 'ResourceExhausted NODE_BUSY']).toContain(b);
    for (const h of result.huge) expect(['resource_exhausted PEER_RATE_LIMITED', 'resource_exhausted NODE_BUSY', 'resource_exhausted REQUEST_TOO_LARGE', 'connection closed']).toContain(h);
    expect(growthMiB).toBeLessThan(MEMORY_BOUND_MIB);

    // Unregistered keys have no accountable author: the flood wrote nothing to the audit log.
    const events = await eventsAfter(seqBefore);
    // A log entry's actor is the creator's address (wire-format §7).
    const legitActor = legit.creator.address();
    expect(events.filter((e) => e.actor !== legitActor).map((e) => `${e.kind} ${e.actor}`)).toEqual([]);
  });

  it(`a registered key's flood of refusals grows the audit log by at most its budget (${AUDITED_REFUSALS_PER_MINUTE} a minute)`, async () => {
    const rogue = newCreator();
    await createClient(KeyService, grpcFrom(node.url, '127.0.0.5')).registerKey({ key: { scheme: rogue.scheme.name, publicKey: rogue.publicKey }, label: 'rogue' }, admin);
    const seqBefore = await lastSeq();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const client = createClient(PublishService, grpcFrom(node.url, ROGUE_ADDRESS));
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const res = await client.publishBatch({ intentJsons: Array.from({ length: 20 }, () => rogue.intent({ timestamp: hourAgo })) });
      outcomes.push(batchOutcome(res));
    }
    expect(outcomes).toEqual(Array(3).fill('batch STALE_INTENT'));
    const events = await eventsAfter(seqBefore);
    console.log(`[hostile] 60 stale intents from a registered key: ${events.length} audit events (${JSON.stringify(tally(events.map((e) => e.kind)))})`);
    expect(events.length).toBeLessThanOrEqual(AUDITED_REFUSALS_PER_MINUTE * 2); // the 60 may straddle a minute boundary
  });

  it('wrote no error-level log line and is still running', () => {
    expect(node.errorLines()).toEqual([]);
    expect(node.alive()).toBe(true);
  });
});
