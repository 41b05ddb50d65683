import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';
import { readCheckpoint } from '../support/tile-client.ts';

/** Hosts, URLs and host:port pairs (as test/server/leaks.test.ts looks for them). */
const LOCATIONS = /https?:\/\/|\b\d{1,3}(\.\d{1,3}){3}\b|localhost|[a-z0-9]:\d{2,5}\b/;

let node: TestNode;
let proxy: TcpProxy;
let databasePort: string;
let size: number;

beforeAll(async () => {
  // The node reaches its database through a proxy the test can cut, like a network failure.
  const server = new URL(inject('adminDatabaseUrl'));
  databasePort = server.port;
  proxy = await startTcpProxy(server.hostname, Number(server.port));
  node = await startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' }, {
    mapDatabaseUrl: (url) => {
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      return viaProxy.toString();
    },
  });
  const creator = newCreator();
  const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
  const { results } = await publish.publishBatch({ intentJsons: Array.from({ length: 10 }, () => creator.intent({ targets: ['bsv'] })) });
  expect(results.every((r) => r.result.case === 'accepted')).toBe(true);
  size = readCheckpoint(await (await fetch(`${node.url}/log/checkpoint`)).text()).size;
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await proxy?.close();
});

/** Names no host, URL or port: neither the database's nor the proxy's. */
function namesNoLocation(text: string): void {
  expect(text).not.toMatch(LOCATIONS);
  for (const port of [databasePort, String(proxy.port)]) expect(text).not.toContain(port);
}

describe('the log when the database cannot be reached', () => {
  it('answers the /log/ routes 503 STORE_UNAVAILABLE and every LogService read UNAVAILABLE / STORE_UNAVAILABLE, naming no host or port; serves again once it is back', async () => {
    const paths = ['checkpoint', `tile/0/000.p/${size}`, `tile/entries/000.p/${size}`];
    const log = createClient(LogService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const reads: [string, () => Promise<unknown>][] = [
      ['GetCheckpoint', () => log.getCheckpoint({})],
      ['GetInclusionProof', () => log.getInclusionProof({ entry: { case: 'index', value: 0n } })],
      ['GetConsistencyProof', () => log.getConsistencyProof({ oldSize: 1n, newSize: BigInt(size) })],
      ['GetEntries', () => log.getEntries({ start: 0n, pageSize: 2 })],
    ];
    for (const path of paths) expect([path, (await fetch(`${node.url}/log/${path}`)).status]).toEqual([path, 200]);
    for (const [name, read] of reads) await expect(read(), name).resolves.toBeDefined();

    await proxy.cut();
    try {
      for (const path of paths) {
        const response = await fetch(`${node.url}/log/${path}`);
        const body = await response.text();
        expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 503, 'no-store']);
        expect(body).toBe('STORE_UNAVAILABLE: the log could not be read; retry\n');
        namesNoLocation(body);
      }
      for (const [name, read] of reads) {
        const error = ConnectError.from(await read().then(() => new Error(`${name} succeeded`), (e: unknown) => e));
        expect([name, error.code, error.findDetails(ErrorDetailSchema)[0]?.reason]).toEqual([name, Code.Unavailable, 'STORE_UNAVAILABLE']);
        namesNoLocation(error.rawMessage);
      }
      // The same on the gRPC protocol, whose message travels in grpc-message.
      const grpc = ConnectError.from(await createClient(LogService, createGrpcTransport({ baseUrl: node.url })).getCheckpoint({}).catch((e: unknown) => e));
      expect([grpc.code, grpc.findDetails(ErrorDetailSchema)[0]?.reason]).toEqual([Code.Unavailable, 'STORE_UNAVAILABLE']);
      namesNoLocation(grpc.rawMessage);
    } finally {
      await proxy.restore();
    }

    for (const path of paths) expect([path, (await fetch(`${node.url}/log/${path}`)).status]).toEqual([path, 200]);
    for (const [name, read] of reads) await expect(read(), name).resolves.toBeDefined();
  });
});
