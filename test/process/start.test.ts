import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReceipt, type Receipt } from '../../core/receipts/index.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { spawnNode } from '../support/spawn-node.ts';

/** PIDs of PostgreSQL servers whose data directory is under `dir`. */
function postgresFor(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dir}`]).toString().trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'publisher-start-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('`npm start` with no DATABASE_URL (the dev profile)', () => {
  it('starts an embedded PostgreSQL in the data directory, serves GetInfo, says where the admin token is without printing it, and stops cleanly on SIGTERM', async () => {
    const node = await spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir });
    const info = await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({});
    expect(info.protocol).toBe('chain-publisher');

    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(node.lines.some((l) => l.includes(join(dataDir, 'admin-token')) && l.includes('ready at'))).toBe(true);
    expect(node.lines.filter((l) => l.includes(token))).toEqual([]);
    expect(postgresFor(dataDir)).toHaveLength(1);

    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    expect(postgresFor(dataDir)).toEqual([]);
  });

  it('comes back after being killed with SIGKILL, stopping the orphaned PostgreSQL it left behind, with its records and receipt key', async () => {
    const first = await spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir, PUBLISHER_OPEN_REGISTRATION: 'true' });
    const before = await createClient(NodeService, createConnectTransport({ baseUrl: first.url, httpVersion: '1.1' })).getInfo({});
    const accepted = await createClient(PublishService, createConnectTransport({ baseUrl: first.url, httpVersion: '1.1' })).publish({
      intentJson: newCreator().intent(),
    });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postgresFor(dataDir)).toHaveLength(1); // orphaned: nobody stopped it

    const second = await spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir });
    const info = await createClient(NodeService, createConnectTransport({ baseUrl: second.url, httpVersion: '2' })).getInfo({});
    expect(info.receiptKey).toEqual(before.receiptKey);
    const { record } = await createClient(PublishService, createConnectTransport({ baseUrl: second.url, httpVersion: '2' })).getRecord({ recordId: accepted.recordId });
    expect(record?.receiptJson).toBe(accepted.receiptJson);
    expect(verifyReceipt(JSON.parse(record!.receiptJson) as Receipt)).toBe(true);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresFor(dataDir)).toEqual([]);
  });

  it('refuses a malformed setting with exit code 2 and a message naming it', async () => {
    await expect(spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir, PUBLISHER_PORT: 'eighty' }, 20_000)).rejects.toThrow(
      /exited with 2[\s\S]*server.port \(or PUBLISHER_PORT\) must be an integer from 0 to 65535, got "eighty"/,
    );
  });
});
