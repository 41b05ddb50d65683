import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from '../../core/records/read-records.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' });
});
afterAll(async () => {
  await node?.stop();
});

describe('ListRecords pages', () => {
  it('are cut at MAX_PAGE_BYTES of envelopes and receipts, and the next page carries on where the cut was', async () => {
    const client = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', useBinaryFormat: true }));
    const creator = newCreator();
    const texts = Array.from({ length: 80 }, (_, i) => creator.intent({ record: { type: 'post', body: `${i} ${'x'.repeat(60_000)}` } }));
    const { results } = await client.publishBatch({ intentJsons: texts });
    expect(results.every((r) => r.result.case === 'accepted')).toBe(true);

    const first = await client.listRecords({ creator: creator.address(), pageSize: 1000 });
    const size = (page: typeof first) => page.records.reduce((n, r) => n + Buffer.byteLength(r.intentJson) + Buffer.byteLength(r.receipt), 0);
    expect(first.records.length).toBeGreaterThan(0);
    expect(first.records.length).toBeLessThan(80);
    expect(size(first)).toBeLessThanOrEqual(MAX_PAGE_BYTES);
    expect(first.nextPageToken).not.toBe('');
    const second = await client.listRecords({ creator: creator.address(), pageSize: 1000, pageToken: first.nextPageToken });
    const ids = [...first.records, ...second.records].map((r) => r.recordId);
    expect(new Set(ids).size).toBe(80);
    expect(second.nextPageToken).toBe('');
  });
});
