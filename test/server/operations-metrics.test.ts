import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWorkerProcess } from '../../server/worker-process.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

// The gauges the alert rules need (deploy/prometheus/alerts.yml), read from a real node: no inline
// workers (so the test decides when a worker runs), BSV funding below an alarm above the dev chain's
// 50 BSV, and its database behind a proxy the test can cut.
let node: TestNode;
let proxy: TcpProxy;
beforeAll(async () => {
  const server = new URL(inject('adminDatabaseUrl'));
  proxy = await startTcpProxy(server.hostname, Number(server.port));
  node = await startTestNode(
    { PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false', PUBLISHER_BSV_FUNDING_ALARM: String(100 * 100_000_000), PUBLISHER_HEALTH_INTERVAL_MS: '200' },
    {
      mapDatabaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    },
  );
});
afterAll(async () => {
  await node?.stop();
  await proxy?.close();
});

async function scrape(): Promise<(sample: string) => number | undefined> {
  const response = await fetch(`${node.url}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return (sample) => {
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line === undefined ? undefined : Number(line.slice(sample.length + 1));
  };
}

/** Scrapes until `sample` has the wanted value; the deadline is only a guard against a hang. */
async function eventually(sample: string, want: (value: number | undefined) => boolean): Promise<number | undefined> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${node.url}/metrics`);
    if (response.status === 200) {
      const line = (await response.text()).split('\n').find((l) => l.startsWith(`${sample} `));
      const value = line === undefined ? undefined : Number(line.slice(sample.length + 1));
      if (want(value)) return value;
    }
    if (Date.now() > deadline) throw new Error(`${sample} never reached the wanted value`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('operations gauges on /metrics', () => {
  it("reports each chain's reachability and funding alarm as the health monitor found them", async () => {
    await eventually('publisher_chain_funding_low{chain="bsv"}', (v) => v === 1);
    expect((await scrape())('publisher_chain_reachable{chain="bsv"}')).toBe(1);
  });

  it('counts the processes running workers on this database: a `publisher worker` appears and goes', async () => {
    expect((await scrape())('publisher_worker_processes')).toBe(0);
    const worker = await startWorkerProcess(node.config, pino({ level: 'silent' }));
    try {
      await eventually('publisher_worker_processes', (v) => v === 1);
    } finally {
      await worker.stop();
    }
    await eventually('publisher_worker_processes', (v) => v === 0);
  });

  it('gives the age of the oldest chain transaction in each open status', async () => {
    const insert = `INSERT INTO chain_txs (chain, network, txid, status, record_count, fee, created_at, broadcast_at, mined_at)
      VALUES ('bsv', 'test', $1, $2, 1, 1, now() - interval '3 hours', $3::timestamptz, $4::timestamptz)`;
    await node.store.pool.query(insert, ['aa'.repeat(32), 'broadcast', new Date(Date.now() - 2 * 3600_000).toISOString(), null]);
    await node.store.pool.query(insert, ['bb'.repeat(32), 'mined', new Date(Date.now() - 3600_000).toISOString(), new Date(Date.now() - 1800_000).toISOString()]);
    await node.store.pool.query(insert, ['cc'.repeat(32), 'confirmed', null, null]);
    const metric = await scrape();
    // Counted from the broadcast and from the mining, give or take the test's own run time.
    expect(metric('publisher_chain_tx_oldest_seconds{chain="bsv",status="broadcast"}')).toBeGreaterThanOrEqual(7200);
    expect(metric('publisher_chain_tx_oldest_seconds{chain="bsv",status="broadcast"}')).toBeLessThan(7200 + 600);
    expect(metric('publisher_chain_tx_oldest_seconds{chain="bsv",status="mined"}')).toBeGreaterThanOrEqual(1800);
    expect(metric('publisher_chain_tx_oldest_seconds{chain="bsv",status="mined"}')).toBeLessThan(1800 + 600);
    expect(metric('publisher_chain_tx_oldest_seconds{chain="bsv",status="confirmed"}')).toBeUndefined();
    await node.store.pool.query("DELETE FROM chain_txs WHERE txid IN ($1, $2, $3)", ['aa'.repeat(32), 'bb'.repeat(32), 'cc'.repeat(32)]);
  });

  it('counts failed database probes, and shows them once the database is back', async () => {
    expect((await scrape())('publisher_database_failures_total')).toBe(0);
    await proxy.cut();
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${node.url}/healthz`)).status !== 503) {
      if (Date.now() > deadline) throw new Error('the node never noticed its database was gone');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await proxy.restore();
    await eventually('publisher_database_failures_total', (v) => v !== undefined && v >= 1);
  });
});
