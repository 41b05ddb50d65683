import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReceipt } from '../support/read-receipt.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { duplicateKeys } from '../support/duplicate-keys.ts';
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

// Each test starts a node with its local chains: under a shared machine's load that alone can take a minute.
describe('`npm start` with no DATABASE_URL (the dev profile)', { timeout: 180_000 }, () => {
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

  it('comes back after being killed with SIGKILL, stopping the orphaned PostgreSQL it left behind, with its records, its log key and its log', async () => {
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
    expect([info.logVerifierKey, info.logOrigin]).toEqual([before.logVerifierKey, before.logOrigin]);
    expect(info.logOrigin).toMatch(/^dev\.chain-publisher\.localhost\/[0-9a-f]{16}$/);
    const { record } = await createClient(PublishService, createConnectTransport({ baseUrl: second.url, httpVersion: '2' })).getRecord({ recordId: accepted.recordId });
    expect(record?.receipt).toBe(accepted.receipt);
    expect(readReceipt(record!.receipt, info.logVerifierKey).verified).toBe(true);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresFor(dataDir)).toEqual([]);
  });

  it('stops on Ctrl-C (SIGINT to its whole process group) with exit 0 and no warning, error or stack trace; every line is JSON without a repeated key', async () => {
    const node = await spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir }, 90_000, undefined, { detached: true });
    const ready = node.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => String(line['msg']).startsWith('chain publisher ready at'));
    expect(ready).toMatchObject({
      url: node.url,
      profile: 'dev',
      adminToken: expect.stringContaining(join(dataDir, 'admin-token')),
      chains: [
        { name: 'bsv', network: 'regtest' },
        { name: 'arweave', network: 'devnet' },
      ],
      logVerifierKey: expect.stringMatching(/^dev\.chain-publisher\.localhost\/[0-9a-f]{16}\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the workers and the health monitor at work

    process.kill(-node.child.pid!, 'SIGINT'); // what a terminal does: the node, PostgreSQL, everything in the group
    expect(await node.exited).toBe(0);
    expect(postgresFor(dataDir)).toEqual([]);
    const lines = node.lines.filter((line) => line.trim() !== '');
    expect(lines.some((line) => line.includes('node stopped'))).toBe(true);
    for (const line of lines) {
      const record = JSON.parse(line) as { level: number; msg: string };
      expect(record.level, line.slice(0, 300)).toBeLessThan(40);
      expect(duplicateKeys(line), line.slice(0, 300)).toEqual([]);
      expect(line).not.toMatch(/\\n\s+at /); // no stack, not even inside a field
    }
  });

  it('writes the start-up banner and lines for a person with PUBLISHER_LOG_FORMAT=pretty (the default on a terminal), and stops as quietly', async () => {
    const node = await spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir, PUBLISHER_LOG_FORMAT: 'pretty' }, 90_000, undefined, { detached: true });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the rest of the banner
    const text = node.lines.join('\n');
    expect(text).toContain(`chain publisher ready at ${node.url}  (dev profile)`);
    expect(text).toMatch(/chains\s+bsv \(regtest\), arweave \(devnet\)/);
    expect(text).toContain(`admin token  in ${join(dataDir, 'admin-token')}`);
    expect(node.lines.filter((line) => line.startsWith('{'))).toEqual([]);
    process.kill(-node.child.pid!, 'SIGINT');
    expect(await node.exited).toBe(0);
    const after = node.lines.join('\n');
    expect(after).not.toMatch(/ (WARN|ERROR|FATAL) /);
    expect(after).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a malformed chain setting', { PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH: 'deep' }, /chains\.arweave\.confirmationDepth \(or PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH\)/],
    ['a log key file that cannot be read', { PUBLISHER_LOG_KEY_FILE: '/nonexistent/log-key' }, /PUBLISHER_LOG_KEY_FILE: cannot read \/nonexistent\/log-key/],
    ['a chain with no plugin', { PUBLISHER_CHAINS: 'bsv,nochain' }, /configuration error: plugin nochain: unknown chain "nochain" in chains\.enabled/],
  ])('reports %s with exit code 2 before starting any local chain or database', async (_what, env, message) => {
    const failed = spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir, ...env }, 20_000);
    const error = await failed.then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(/exited with 2/);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/devnet|local BSV node|arlocal|embedded PostgreSQL/);
  });

  it('answers an unknown command with one line and where the help is, exit code 2', async () => {
    const error = await spawnNode(['strat'], { PUBLISHER_DATA_DIR: dataDir }, 20_000).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(/exited with 2 before it was ready:\nunknown command "strat": start, worker or reconcile\n {2}see server\/main\.ts --help\n*$/);
  });

  it('refuses a malformed setting with exit code 2 and a message naming it', async () => {
    await expect(spawnNode(['start'], { PUBLISHER_DATA_DIR: dataDir, PUBLISHER_PORT: 'eighty' }, 20_000)).rejects.toThrow(
      /exited with 2[\s\S]*server.port \(or PUBLISHER_PORT\) must be an integer from 0 to 65535, got "eighty"/,
    );
  });
});
