import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  // No workers here: the publication counts must stay where intake left them.
  node = await startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' });
});
afterAll(async () => {
  await node?.stop();
});

/** The value of one sample line, e.g. metric('publisher_intents_total{outcome="accepted",reason=""}'). */
async function scrape(): Promise<(sample: string) => number | undefined> {
  const response = await fetch(`${node.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return (sample) => {
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line === undefined ? undefined : Number(line.slice(sample.length + 1));
  };
}

describe('GET /metrics', () => {
  it('counts intents by outcome and reason, publications by chain and status, and the audit head', async () => {
    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const creator = newCreator();
    const text = creator.intent({ targets: ['bsv', 'arweave'] });
    await publish.publish({ intentJson: text });
    await publish.publish({ intentJson: text });
    await publish.publishBatch({ intentJsons: ['{}', 'nope', creator.intent({ targets: ['bsv'] })] });

    const metric = await scrape();
    expect(metric('publisher_intents_total{outcome="accepted",reason=""}')).toBe(2);
    expect(metric('publisher_intents_total{outcome="duplicate",reason=""}')).toBe(1);
    expect(metric('publisher_intents_total{outcome="refused",reason="MALFORMED_INTENT"}')).toBe(2);
    expect(metric('publisher_publications{chain="bsv",status="queued"}')).toBe(2);
    expect(metric('publisher_publications{chain="arweave",status="queued"}')).toBe(1);
    const { rows } = await node.store.pool.query<{ entries: number }>('SELECT count(*)::int AS entries FROM log_entries');
    expect(metric('publisher_log_size')).toBe(rows[0]!.entries);
    expect(metric('publisher_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Three calls, one at a time: three intake groups of 1, 1 and 3 intents.
    expect(metric('publisher_intake_group_intents_count')).toBe(3);
    expect(metric('publisher_intake_group_intents_sum')).toBe(5);
    expect(metric('publisher_intake_group_intents_bucket{le="1"}')).toBe(2);
    expect(metric('publisher_intake_group_seconds_count')).toBe(3);
    expect(metric('publisher_intake_group_seconds_sum')).toBeGreaterThan(0);
  });
  it('reports funding per chain in its unit: UTXO amounts and outputs by status, account reservations', async () => {
    const { rows } = await node.store.pool.query<{ amount: string; outputs: number }>(
      "SELECT coalesce(sum(amount), 0)::text AS amount, count(*)::int AS outputs FROM funding_utxos WHERE chain = 'bsv' AND status = 'available'",
    );
    expect(rows[0]!.outputs).toBeGreaterThan(0); // the dev profile's funding, scanned at start
    const metric = await scrape();
    expect(metric('publisher_funding_amount{chain="bsv",unit="satoshi",status="available"}')).toBe(Number(rows[0]!.amount));
    expect(metric('publisher_funding_outputs{chain="bsv",status="available"}')).toBe(rows[0]!.outputs);
    expect(metric('publisher_funding_amount{chain="arweave",unit="winston",status="reserved"}')).toBe(0);
    expect(metric('publisher_funding_outputs{chain="arweave",status="reserved"}')).toBeUndefined();
  });
  it('counts the refusals a key sends past its budget of audited refusals', async () => {
    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const creator = newCreator();
    await publish.publish({ intentJson: creator.intent() }); // the key is known from here on
    const stale = Array.from({ length: node.config.intent.auditedRefusalsPerMinute + 3 }, () => creator.intent({ timestamp: '2020-01-01T00:00:00.000Z' }));
    const { results } = await publish.publishBatch({ intentJsons: stale });
    expect(results.every((r) => r.result.case === 'refused' && r.result.value.reason === 'STALE_INTENT')).toBe(true);
    const metric = await scrape();
    expect(metric('publisher_refusals_unaudited_total{reason="STALE_INTENT"}')).toBe(3);
  });
});
