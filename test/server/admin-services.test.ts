import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetailSchema } from '../../proto/gen/publisher/v1/common_pb.ts';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { KeyService, KeyStatus } from '../../proto/gen/publisher/v1/key_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
const transport = () => createConnectTransport({ baseUrl: node.url, httpVersion: '2' });
const admin = () => ({ headers: { authorization: `Bearer ${node.adminToken}` } });

beforeAll(async () => {
  node = await startTestNode();
});
afterAll(async () => {
  await node?.stop();
});

async function refusal(call: Promise<unknown>): Promise<[Code, string]> {
  const error = ConnectError.from(await call.then(() => new Error('expected a refusal'), (e: unknown) => e));
  return [error.code, error.findDetails(ErrorDetailSchema)[0]?.reason ?? '(no reason)'];
}

describe('KeyService', () => {
  it('registers, gets, lists and revokes a key, each change recorded in the audit log by the admin', async () => {
    const keys = createClient(KeyService, transport());
    const creator = newCreator();
    const id = { scheme: 'secp256k1', publicKey: creator.publicKey };
    const registered = await keys.registerKey({ key: id, label: 'studio', quota: { recordsPerDay: 500 } }, admin());
    expect(registered.key).toMatchObject({ address: creator.address(), label: 'studio', status: KeyStatus.ACTIVE, quota: { recordsPerDay: 500 } });
    expect((await keys.getKey({ key: id }, admin())).key?.label).toBe('studio');
    expect((await keys.listKeys({ status: KeyStatus.ACTIVE }, admin())).keys.map((k) => k.key?.publicKey)).toContain(creator.publicKey);

    const revoked = await keys.revokeKey({ key: id, reason: 'rotated' }, admin());
    expect(revoked.key).toMatchObject({ status: KeyStatus.REVOKED, revokeReason: 'rotated' });
    expect(revoked.key?.revokedAt).toBeDefined();
    expect((await keys.listKeys({ status: KeyStatus.ACTIVE }, admin())).keys.map((k) => k.key?.publicKey)).not.toContain(creator.publicKey);

    const { events } = await createClient(AuditService, transport()).listEvents({ fromSeq: 1n }, admin());
    const mine = events.filter((e) => e.subject === `secp256k1:${creator.publicKey}`);
    expect(mine.map((e) => [e.kind, e.actor])).toEqual([
      ['key.registered', 'admin'],
      ['key.revoked', 'admin'],
    ]);
  });

  it.each([
    ['an unknown scheme', { key: { scheme: 'ed448', publicKey: 'aa' } }, Code.InvalidArgument, 'INVALID_REQUEST'],
    ['a key of the wrong length', { key: { scheme: 'secp256k1', publicKey: '02abcd' } }, Code.InvalidArgument, 'INVALID_REQUEST'],
    ['no key at all', {}, Code.InvalidArgument, 'INVALID_REQUEST'],
  ])('refuses to register %s', async (_name, request, code, reason) => {
    expect(await refusal(createClient(KeyService, transport()).registerKey(request, admin()))).toEqual([code, reason]);
  });

  it('refuses a second registration of a key as ALREADY_EXISTS / KEY_EXISTS, also after revocation', async () => {
    const keys = createClient(KeyService, transport());
    const key = { scheme: 'secp256k1', publicKey: newCreator().publicKey };
    await keys.registerKey({ key }, admin());
    expect(await refusal(keys.registerKey({ key }, admin()))).toEqual([Code.AlreadyExists, 'KEY_EXISTS']);
    await keys.revokeKey({ key }, admin());
    expect(await refusal(keys.registerKey({ key }, admin()))).toEqual([Code.AlreadyExists, 'KEY_EXISTS']);
  });

  it('answers NOT_FOUND for a key it does not know', async () => {
    const key = { scheme: 'secp256k1', publicKey: newCreator().publicKey };
    expect(await refusal(createClient(KeyService, transport()).getKey({ key }, admin()))).toEqual([Code.NotFound, 'NOT_FOUND']);
    expect(await refusal(createClient(KeyService, transport()).revokeKey({ key }, admin()))).toEqual([Code.NotFound, 'NOT_FOUND']);
  });

  it('pages through many keys with a token', async () => {
    const keys = createClient(KeyService, transport());
    for (let i = 0; i < 5; i++) await keys.registerKey({ key: { scheme: 'secp256k1', publicKey: newCreator().publicKey }, label: `page-${i}` }, admin());
    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await keys.listKeys({ pageSize: 2, pageToken }, admin());
      seen.push(...page.keys.map((k) => k.label));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen.filter((l) => l.startsWith('page-'))).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect(await refusal(keys.listKeys({ pageToken: '!!' }, admin()))).toEqual([Code.InvalidArgument, 'INVALID_REQUEST']);
  });
});

describe('AuditService', () => {
  it('lists the log\'s entries as events from a sequence number (index + 1) in pages, and VerifyChain finds an entry edited behind the node\'s back', async () => {
    const audit = createClient(AuditService, transport());
    const creator = newCreator();
    await createClient(KeyService, transport()).registerKey({ key: { scheme: 'secp256k1', publicKey: creator.publicKey } }, admin());
    await createClient(PublishService, transport()).publish({ intentJson: creator.intent() });

    const page = await audit.listEvents({ fromSeq: 2n, pageSize: 2 }, admin());
    expect(page.events.map((e) => e.seq)).toEqual([2n, 3n]);
    expect(page.nextSeq).toBe(4n);
    const second = page.events[1]!;
    expect(JSON.parse(Buffer.from(second.entry).toString('utf8'))).toMatchObject({ index: 2, kind: second.kind, actor: second.actor, subject: second.subject });
    expect(second.hash).toBe(createHash('sha256').update(Buffer.of(0)).update(second.entry).digest('hex'));

    const before = await audit.verifyChain({}, admin());
    expect(before).toMatchObject({ intact: true, firstBrokenSeq: 0n });
    expect(before.checked).toBe(before.headSeq);
    expect(before.checkpoint.split('\n')[1]).toBe(String(before.headSeq));

    const sql = new pg.Client({ connectionString: node.databaseUrl });
    await sql.connect();
    await sql.query('ALTER TABLE log_entries DISABLE TRIGGER USER');
    await sql.query("UPDATE log_entries SET entry = entry || '\\x20'::bytea WHERE idx = 1");
    await sql.query('ALTER TABLE log_entries ENABLE TRIGGER USER');
    await sql.end();
    expect(await audit.verifyChain({}, admin())).toMatchObject({ intact: false, firstBrokenSeq: 2n });
  });
});
