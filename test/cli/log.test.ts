import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { testLogSigner } from '../support/log-signer.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';
import { startStandInLog, type StandInLog } from './support/stand-in-log.ts';
import { runCli } from './support/run-cli.ts';

let node: TestNode;
let standIn: StandInLog;
let dir: string;
let logKey: string;

async function publish(count: number): Promise<void> {
  const client = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
  const creator = newCreator();
  const { results } = await client.publishBatch({ intentJsons: Array.from({ length: count }, () => creator.intent({ targets: ['bsv'] })) });
  expect(results.every((r) => r.result.case === 'accepted')).toBe(true);
}

beforeAll(async () => {
  [node, standIn, dir] = await Promise.all([
    startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' }),
    startStandInLog(),
    mkdtemp(join(tmpdir(), 'publisher-log-cli-')),
  ]);
  logKey = (await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({})).logVerifierKey;
  // Past one full tile: a level-1 tile to check as well.
  await publish(300);
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await standIn?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], url = node.url) => runCli(args, { cwd: dir, env: { PUBLISHER_URL: url } });

const LOG_TABLES = ['log_entries', 'log_hashes', 'log_checkpoints'];

/** A change to the log's tables as a superuser would make it: the append-only triggers off for one transaction. */
async function asSuperuser<R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = await node.store.pool.connect();
  try {
    await client.query('BEGIN');
    for (const table of LOG_TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    const { rows } = await client.query<R>(text, params);
    for (const table of LOG_TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

describe('publisher log checkpoint', () => {
  it('prints the latest checkpoint, checked with --log-key, or with the node\'s key and a note saying so', async () => {
    const served = await (await fetch(`${node.url}/log/checkpoint`)).text();
    const withKey = await cli(['log', 'checkpoint', '--log-key', logKey]);
    expect(withKey).toMatchObject({ code: 0, stdout: served, stderr: '' });
    const withoutKey = await cli(['log', 'checkpoint']);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.stdout).toBe(served);
    expect(withoutKey.stderr).toContain(`checked with the key the node announces (${logKey})`);
    const json = JSON.parse((await cli(['log', 'checkpoint', '--json', '--log-key', logKey])).stdout) as { size: number; keyFromNode: boolean };
    expect(json).toMatchObject({ size: Number(served.split('\n')[1]), keyFromNode: false });
  });

  it('exits 1 on a checkpoint not signed by the given key', async () => {
    const other = await cli(['log', 'checkpoint', '--log-key', testLogSigner().verifierKey]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/bad signature: the checkpoint \(size \d+ root .*\) is not signed by /);
  });
});

describe('publisher log verify', () => {
  it('downloads every tile and entry bundle and finds the log intact', async () => {
    const run = await cli(['log', 'verify', '--log-key', logKey]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^log verified: \d{3} entries and their tiles give the root of the checkpoint signed by /);
  });

  it('names a tampered entry (its bytes changed in the database) and then a tampered tile (a stored level-1 hash changed)', async () => {
    const original = async (query: string) => (await node.store.pool.query<{ bytes: Buffer }>(query)).rows[0]!.bytes;
    const entry = await original('SELECT entry AS bytes FROM log_entries WHERE idx = 5');
    // Still a JSON object saying index 5, one space longer: only its hash tells.
    await asSuperuser("UPDATE log_entries SET entry = entry || '\\x20'::bytea WHERE idx = 5");
    try {
      const run = await cli(['log', 'verify', '--log-key', logKey]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('tampered entry: entry 5 (in entry bundle 0) does not hash to its leaf hash in tile 0/0\n');
      expect(run.stderr).toMatch(/the log does not verify against its checkpoint \(size \d+ root \S+\): 1 tampered entry\n/);
    } finally {
      await asSuperuser('UPDATE log_entries SET entry = $1 WHERE idx = 5', [entry]);
    }
    expect((await cli(['log', 'verify', '--log-key', logKey])).code).toBe(0);

    const tile = await original('SELECT hash AS bytes FROM log_hashes WHERE level = 1 AND idx = 0');
    await asSuperuser('UPDATE log_hashes SET hash = sha256(hash) WHERE level = 1 AND idx = 0');
    try {
      const run = await cli(['log', 'verify', '--log-key', logKey]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('tampered tile: hash 0 of tile 1/0 is not the hash of tile 0/0: one of them was altered\n');
      expect(run.stdout).toMatch(/root mismatch: the tiles give the root \S+, not the signed checkpoint's/);
      expect(run.stdout).not.toContain('tampered entry');
    } finally {
      await asSuperuser('UPDATE log_hashes SET hash = $1 WHERE level = 1 AND idx = 0', [tile]);
    }
    expect((await cli(['log', 'verify', '--log-key', logKey])).code).toBe(0);
  });

  it('names a bad signature when the checkpoint is not signed by --log-key', async () => {
    const run = await cli(['log', 'verify', '--log-key', testLogSigner().verifierKey]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad signature/);
  });
});

describe('publisher log watch', () => {
  it('keeps the first checkpoint, then proves each grown one consistent with the last and keeps it', async () => {
    const first = await cli(['log', 'watch', '--state', 'node-state.json', '--once', '--log-key', logKey]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^first checkpoint: size (\d+) root \S+\n$/);
    const size = Number(/size (\d+)/.exec(first.stdout)![1]);
    const state = JSON.parse(await readFile(join(dir, 'node-state.json'), 'utf8')) as { logKey: string; checkpoint: string };
    expect(state).toEqual({ logKey, checkpoint: await (await fetch(`${node.url}/log/checkpoint`)).text() });
    await publish(3);
    const next = await cli(['log', 'watch', '--state', 'node-state.json', '--once']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(new RegExp(`^consistent: size ${size} root \\S+ → size ${size + 3} root \\S+\\n$`));
    expect((await cli(['log', 'watch', '--state', 'node-state.json', '--once', '--log-key', testLogSigner().verifierKey])).code).toBe(2);
  });

  it('exits 1 naming both checkpoints on a fork or a rollback, and keeps the last verified one', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => Buffer.from(`entry ${i}`));
    const watch = () => cli(['log', 'watch', '--state', 'stand-in.json', '--once', '--log-key', standIn.verifierKey], standIn.url);
    await standIn.serve(entries.slice(0, 260));
    expect((await watch()).stdout).toMatch(/^first checkpoint: size 260 /);
    const kept = await readFile(join(dir, 'stand-in.json'), 'utf8');

    // A fork: entry 7 rewritten and the log grown past it, signed with the same key.
    await standIn.serve([...entries.slice(0, 7), Buffer.from('entry 7, rewritten'), ...entries.slice(8, 280)]);
    const fork = await watch();
    expect(fork.code).toBe(1);
    expect(fork.stdout).toMatch(/^INCONSISTENT: fork: the new tree does not extend the verified one \(the consistency proof fails\): the new checkpoint \(size 280 root \S+\) and the verified one \(size 260 root \S+\)\n/);
    expect(fork.stdout).toContain('verified checkpoint (kept in stand-in.json):\nstand-in.test.example/log\n260\n');
    expect(fork.stdout).toContain('new checkpoint (from ');
    expect(await readFile(join(dir, 'stand-in.json'), 'utf8')).toBe(kept);

    // The same size with another tree, and a smaller tree.
    await standIn.serve([Buffer.from('another entry 0'), ...entries.slice(1, 260)]);
    expect(await watch()).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INCONSISTENT: fork: two different trees of the same size: the new checkpoint \(size 260 /) });
    await standIn.serve(entries.slice(0, 259));
    expect(await watch()).toMatchObject({ code: 1, stdout: expect.stringMatching(/^INCONSISTENT: rollback: the log shrank: the new checkpoint \(size 259 root \S+\) and the verified one \(size 260 /) });
    expect(await readFile(join(dir, 'stand-in.json'), 'utf8')).toBe(kept);

    // The honest log grown: consistent, and kept.
    await standIn.serve(entries);
    expect(await watch()).toMatchObject({ code: 0, stdout: expect.stringMatching(/^consistent: size 260 root \S+ → size 300 /) });
  });
});
