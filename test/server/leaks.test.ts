import { toJsonString } from '@bufbuild/protobuf';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateKey } from '@bsv/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBsvDevnet, type BsvDevnet } from '../../devnet/bsv/index.ts';
import { GetInfoResponseSchema, NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublicationStatus, PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

/**
 * What the node answers anyone must not name what is behind it: hosts, ports, URLs, file paths.
 * The node's BSV broadcaster is a front that forwards to a local BSV node but answers like a
 * misconfigured proxy would, naming internal endpoints; its database is behind a proxy the test cuts.
 */
const INTERNAL = 'http://arc-internal.corp:9090/v1/tx';
const LOCATIONS = /https?:\/\/|\b\d{1,3}(\.\d{1,3}){3}\b|localhost|arc-internal|\/srv\/|[a-z0-9]:\d{2,5}\b/;

let bsv: BsvDevnet;
let front: Server;
let frontUrl: string;
let arcHealthy = true;
let proxy: TcpProxy;
let node: TestNode;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-leaks-'));
  const fundingKey = PrivateKey.fromRandom();
  bsv = await startBsvDevnet({ dir: join(dir, 'bsv'), log: pino({ level: 'silent' }), fund: [{ address: fundingKey.toAddress([0x6f]), satoshis: 10_000_000, outputs: 5 }] });
  front = createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/v1/tx') {
      req.resume();
      reply(413, { title: 'Request Entity Too Large', detail: `upstream ${INTERNAL} refused it (limits in /srv/arc/config.yaml)` });
      return;
    }
    if (req.url === '/v1/health' && !arcHealthy) {
      reply(503, { healthy: false, reason: `cannot reach ${INTERNAL} from 10.0.3.4` });
      return;
    }
    void fetch(`${bsv.arcUrl}${req.url}`, { method: req.method ?? 'GET' }).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  const server = new URL(inject('adminDatabaseUrl'));
  proxy = await startTcpProxy(server.hostname, Number(server.port));
  node = await startTestNode(
    {
      PUBLISHER_OPEN_REGISTRATION: 'true',
      PUBLISHER_HEALTH_INTERVAL_MS: '200',
      PUBLISHER_BSV_ARC_URL: frontUrl,
      PUBLISHER_BSV_WOC_URL: bsv.wocUrl,
      PUBLISHER_BSV_NETWORK: 'regtest',
      PUBLISHER_BSV_FUNDING_KEY: fundingKey.toHex(),
      PUBLISHER_BSV_BATCH_WINDOW_MS: '50',
    },
    {
      mapDatabaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    },
  );
}, 120_000);
afterAll(async () => {
  await node?.stop();
  await proxy?.close();
  await new Promise((resolve) => front?.close(resolve));
  await bsv?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const healthz = async () => (await fetch(`${node.url}/healthz`)).text();

describe('public answers name no internal host, URL or path', () => {
  it('/healthz names the chains and their state, not the ARC or gateway endpoints nor their errors; GetInfo neither', async () => {
    const ok = await eventually(healthz, (text) => text.includes('"bsv"') && text.includes('"arweave"'));
    expect(JSON.parse(ok)).toEqual({
      status: 'ok',
      database: true,
      chains: { bsv: { reachable: true, fundingLow: false }, arweave: { reachable: true, fundingLow: false } },
    });
    expect(ok).not.toMatch(LOCATIONS);

    arcHealthy = false;
    const down = await eventually(healthz, (text) => text.includes('"reachable":false'));
    arcHealthy = true;
    expect(JSON.parse(down)).toMatchObject({ status: 'degraded', chains: { bsv: { reachable: false } } });
    expect(down).not.toMatch(LOCATIONS);

    const info = await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({});
    // The log's origin is the log's public name, chosen by the operator (the dev profile's is
    // dev.chain-publisher.localhost/<key hash>): it names no endpoint of the node's, so it is set
    // aside here, wherever it appears; every other field must name no host, URL or path.
    expect(info.logOrigin).toMatch(/^dev\.chain-publisher\.localhost\/[0-9a-f]{16}$/);
    expect(info.logVerifierKey.startsWith(`${info.logOrigin}+`)).toBe(true);
    const { logOrigin: _origin, logVerifierKey: _key, ...rest } = JSON.parse(toJsonString(GetInfoResponseSchema, info)) as Record<string, unknown>;
    // (Arweave's item_key attribute names that same key.)
    expect(JSON.stringify(rest).replaceAll(info.logVerifierKey, '<the log key>')).not.toMatch(LOCATIONS);
  });

  it("GetRecord gives a failed publication's reason without the broadcaster's URLs and paths", async () => {
    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const { recordId } = await publish.publish({ intentJson: newCreator().intent({ targets: ['bsv'] }) });
    const record = await eventually(
      async () => (await publish.getRecord({ recordId })).record,
      (r) => r?.publications[0]?.status === PublicationStatus.FAILED,
    );
    const lastError = record?.publications[0]?.lastError ?? '';
    expect(lastError).toMatch(/^too_large: bsv: ARC 413 Request Entity Too Large/);
    expect(lastError).not.toMatch(LOCATIONS);
  });

  it('/metrics without its database answers 503 with a generic message, not the database host and port', async () => {
    await proxy.cut();
    try {
      const response = await fetch(`${node.url}/metrics`);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).toMatch(/^metrics unavailable/);
      expect(text).not.toMatch(LOCATIONS);
      expect(text).not.toContain(String(proxy.port));
      expect(await eventually(healthz, (body) => body.includes('"unavailable"'))).not.toMatch(LOCATIONS);
    } finally {
      await proxy.restore();
    }
  });
});
