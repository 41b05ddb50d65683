import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Code, ConnectError, createClient, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { runCli } from '../cli/support/run-cli.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, TEST_ADMIN_TOKEN, type TestNode } from '../support/test-node.ts';
import { noteSignedBy, readCheckpoint } from '../support/tile-client.ts';

/** A node with `log.public: false`: every read of the log needs the admin token, on every port. */
let node: TestNode;
let logKey: string;
let dir: string;

beforeAll(async () => {
  [node, dir] = await Promise.all([
    startTestNode({ PUBLISHER_LOG_PUBLIC: 'false', PUBLISHER_GRPC_PORT: '0', PUBLISHER_CHAINS: 'bsv', PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_INLINE_WORKERS: 'false' }),
    mkdtemp(join(tmpdir(), 'publisher-log-private-')),
  ]);
  // The verifier key stays in GetInfo (NodeService is public): it is what a reader checks the log with.
  logKey = (await createClient(NodeService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' })).getInfo({})).logVerifierKey;
  const creator = newCreator();
  const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
  const { results } = await publish.publishBatch({ intentJsons: Array.from({ length: 20 }, () => creator.intent({ targets: ['bsv'] })) });
  expect(results.every((r) => r.result.case === 'accepted')).toBe(true);
}, 120_000);

afterAll(async () => {
  await node?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const bearer = (token: string): Interceptor => (next) => (req) => {
  req.header.set('authorization', `Bearer ${token}`);
  return next(req);
};

async function refusal(call: Promise<unknown>): Promise<[Code, string | undefined]> {
  const error = ConnectError.from(await call.then(() => new Error('the call succeeded'), (e: unknown) => e));
  return [error.code, error.findDetails(ErrorDetailSchema)[0]?.reason];
}

describe('log.public false: the /log/ routes', () => {
  const paths = async () => {
    const size = readCheckpoint(await (await fetch(`${node.url}/log/checkpoint`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).text()).size;
    return ['checkpoint', 'verifier-key', `tile/0/000.p/${size}`, `tile/entries/000.p/${size}`];
  };

  it('refuses every read without the token (401 ADMIN_TOKEN_MISSING) or with a wrong one (403 ADMIN_TOKEN_INVALID), as /admin/stats does', async () => {
    for (const path of await paths()) {
      const missing = await fetch(`${node.url}/log/${path}`);
      expect([path, missing.status, missing.headers.get('www-authenticate')]).toEqual([path, 401, 'Bearer']);
      expect(missing.headers.get('cache-control')).toBe('no-store');
      expect(await missing.text()).toMatch(/^ADMIN_TOKEN_MISSING: /);
      const wrong = await fetch(`${node.url}/log/${path}`, { headers: { authorization: 'Bearer not-the-admin-token-at-all' } });
      expect([path, wrong.status]).toEqual([path, 403]);
      expect(await wrong.text()).toBe('ADMIN_TOKEN_INVALID: the admin token is not valid for this node\n');
    }
  });

  it('serves every read with the token: the signed checkpoint, the verifier key, a tile and an entry bundle', async () => {
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const checkpoint = await fetch(`${node.url}/log/checkpoint`, { headers: auth });
    expect([checkpoint.status, checkpoint.headers.get('cache-control')]).toEqual([200, 'private, no-cache']);
    const note = await checkpoint.text();
    expect(noteSignedBy(note, logKey)).toBe(true);
    const size = readCheckpoint(note).size;
    expect(size).toBeGreaterThanOrEqual(20);
    expect(await (await fetch(`${node.url}/log/verifier-key`, { headers: auth })).text()).toBe(`${logKey}\n`);
    const tile = await fetch(`${node.url}/log/tile/0/000.p/${size}`, { headers: auth });
    // Private to caches: a shared cache must not hand a tile fetched with the token to anyone.
    expect([tile.status, tile.headers.get('cache-control'), (await tile.arrayBuffer()).byteLength]).toEqual([200, 'private, max-age=31536000, immutable', 32 * size]);
    const bundle = await fetch(`${node.url}/log/tile/entries/000.p/${size}`, { headers: auth });
    expect([bundle.status, bundle.headers.get('cache-control')]).toEqual([200, 'private, max-age=31536000, immutable']);
  });
});

describe('log.public false: LogService', () => {
  it('refuses GetCheckpoint (and the other methods) without the token, UNAUTHENTICATED / ADMIN_TOKEN_MISSING, and with a wrong one, PERMISSION_DENIED / ADMIN_TOKEN_INVALID', async () => {
    const anonymous = createClient(LogService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    expect(await refusal(anonymous.getCheckpoint({}))).toEqual([Code.Unauthenticated, 'ADMIN_TOKEN_MISSING']);
    expect(await refusal(anonymous.getVerifierKey({}))).toEqual([Code.Unauthenticated, 'ADMIN_TOKEN_MISSING']);
    expect(await refusal(anonymous.getEntries({ start: 0n, pageSize: 1 }))).toEqual([Code.Unauthenticated, 'ADMIN_TOKEN_MISSING']);
    const wrong = createClient(LogService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', interceptors: [bearer('not-the-admin-token-at-all')] }));
    expect(await refusal(wrong.getCheckpoint({}))).toEqual([Code.PermissionDenied, 'ADMIN_TOKEN_INVALID']);
  });

  it('serves GetCheckpoint with the token', async () => {
    const admin = createClient(LogService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1', interceptors: [bearer(TEST_ADMIN_TOKEN)] }));
    const { checkpoint, treeSize } = await admin.getCheckpoint({});
    expect(noteSignedBy(checkpoint, logKey)).toBe(true);
    expect(Number(treeSize)).toBeGreaterThanOrEqual(20);
  });

  it('is refused and served the same way on the native gRPC port', async () => {
    const anonymous = createClient(LogService, createGrpcTransport({ baseUrl: node.grpcUrl! }));
    expect(await refusal(anonymous.getCheckpoint({}))).toEqual([Code.Unauthenticated, 'ADMIN_TOKEN_MISSING']);
    const wrong = createClient(LogService, createGrpcTransport({ baseUrl: node.grpcUrl!, interceptors: [bearer('not-the-admin-token-at-all')] }));
    expect(await refusal(wrong.getCheckpoint({}))).toEqual([Code.PermissionDenied, 'ADMIN_TOKEN_INVALID']);
    const admin = createClient(LogService, createGrpcTransport({ baseUrl: node.grpcUrl!, interceptors: [bearer(TEST_ADMIN_TOKEN)] }));
    expect(noteSignedBy((await admin.getCheckpoint({})).checkpoint, logKey)).toBe(true);
  });
});

describe('log.public false: publisher log verify', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { PUBLISHER_URL: node.url, ...env } });

  it('verifies the log with the admin token (--admin-token or PUBLISHER_ADMIN_TOKEN)', async () => {
    const withOption = await cli(['log', 'verify', '--log-key', logKey, '--admin-token', TEST_ADMIN_TOKEN]);
    expect(withOption.code, withOption.stderr).toBe(0);
    expect(withOption.stdout).toMatch(/^log verified: \d+ entries and their tiles give the root of the checkpoint signed by /);
    const withEnv = await cli(['log', 'verify', '--log-key', logKey], { PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    expect(withEnv.code, withEnv.stderr).toBe(0);
    const checkpoint = await cli(['log', 'checkpoint', '--log-key', logKey], { PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    expect(noteSignedBy(checkpoint.stdout, logKey)).toBe(true);
  });

  it('watches the log with the admin token (log watch --once keeps the verified checkpoint)', async () => {
    const state = join(dir, 'watch-state.json');
    const run = await cli(['log', 'watch', '--once', '--state', state, '--log-key', logKey], { PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^first checkpoint: size \d+ root /);
    const again = await cli(['log', 'watch', '--once', '--state', state]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/ADMIN_TOKEN_MISSING/);
  });

  it('says the log is not public, and what to do, without a token or with a wrong one', async () => {
    const without = await cli(['log', 'verify', '--log-key', logKey, '--json']);
    expect(without.code).toBe(1);
    expect(JSON.parse(without.stdout)).toMatchObject({ error: { reason: 'ADMIN_TOKEN_MISSING', hint: 'the log is not public: pass --admin-token or set PUBLISHER_ADMIN_TOKEN' } });
    const wrong = await cli(['log', 'verify', '--log-key', logKey, '--json', '--admin-token', 'not-the-admin-token-at-all']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { reason: 'ADMIN_TOKEN_INVALID' } });
  });
});
