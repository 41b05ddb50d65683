import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PublicationStatus,
  PublisherSdkError,
  buildIntent,
  createPublisherClient,
  creatorAddress,
  generateKey,
  recordIdOf,
  signIntent,
  verifyProof,
  verifyReceipt,
  type ArweaveRsaPssKey,
  type PublisherClient,
  type PublisherRecord,
  type Secp256k1Key,
  type SigningKey,
} from '../../sdk/index.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

let node: TestNode;
let secp: Secp256k1Key;
let rsa: ArweaveRsaPssKey;
beforeAll(async () => {
  node = await startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true' });
  secp = await generateKey('secp256k1');
  rsa = await generateKey('arweave-rsa-pss');
}, 120_000);
afterAll(async () => {
  await node?.stop();
});

let counter = 0;
const intent = (key: SigningKey = secp) => signIntent(buildIntent({ record: { type: 'post', n: counter++ }, targets: ['arweave', 'bsv'], signer: key }), key);

async function refusal(call: Promise<unknown>): Promise<PublisherSdkError> {
  const error = await call.then(() => new Error('expected a refusal'), (e: unknown) => e);
  expect(error).toBeInstanceOf(PublisherSdkError);
  return error as PublisherSdkError;
}

describe.each(['connect', 'grpc-web'] as const)('createPublisherClient over %s', (transport) => {
  let calls = 0;
  const client = (): PublisherClient =>
    createPublisherClient({
      baseUrl: node.url,
      transport,
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });

  it('getInfo names the protocol and the log verifier key, through the given fetch', async () => {
    const before = calls;
    const info = await client().getInfo();
    expect([info.protocol, info.protocolVersion]).toEqual(['chain-publisher', 1]);
    expect(info.logVerifierKey.startsWith(`${info.logOrigin}+`)).toBe(true);
    expect(calls).toBe(before + 1);
  });

  it.each([
    ['secp256k1', () => secp],
    ['arweave-rsa-pss', () => rsa],
  ])('publishes a %s intent the SDK signed, with a receipt that verifies for it', async (_scheme, key) => {
    const text = await intent(key());
    const result = await client().publish(text);
    expect(result.recordId).toBe(recordIdOf(text));
    expect(result.duplicate).toBe(false);
    expect(result.publications.map((p) => [p.chain, p.status])).toEqual([
      ['arweave', PublicationStatus.QUEUED],
      ['bsv', PublicationStatus.QUEUED],
    ]);
    const info = await client().getInfo();
    expect(await verifyReceipt(result.receipt, { logKey: info.logVerifierKey, intent: text })).toBe(true);
    const entry = JSON.parse(Buffer.from(/^extra (\S+)$/m.exec(result.receipt)![1]!, 'base64').toString('utf8')) as { data: { creator: string } };
    expect(entry.data.creator).toBe(creatorAddress(key(), 'test'));

    const again = await client().publish(text);
    expect([again.duplicate, again.receipt]).toEqual([true, result.receipt]);
  });

  it('turns a refusal into PublisherSdkError with the node\'s reason and code', async () => {
    const signed = JSON.parse(await intent()) as { signature: string };
    const forged = JSON.stringify({ ...signed, signature: `${signed.signature.slice(0, -2)}AA` });
    const error = await refusal(client().publish(forged));
    expect([error.name, error.reason, error.code]).toEqual(['PublisherSdkError', 'BAD_SIGNATURE', 'unauthenticated']);

    const malformed = await refusal(client().publish('{"protocol":'));
    expect([malformed.reason, malformed.code, malformed.metadata['field']]).toEqual(['MALFORMED_INTENT', 'invalid_argument', 'json']);
  });

  it('publishBatch answers each intent in order, refusals as errors with their reason', async () => {
    const [first, second] = [await intent(), await intent()];
    const results = await client().publishBatch([first, 'not json', second]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const [accepted, refused] = results;
    if (accepted?.ok !== true || refused?.ok !== false) throw new Error('unexpected batch shape');
    expect(accepted.value.recordId).toBe(recordIdOf(first));
    expect([refused.error.reason, refused.error.code]).toEqual(['MALFORMED_INTENT', 'invalid_argument']);
  });

  it('getRecord and listRecords return what was published; an unknown id is NOT_FOUND', async () => {
    const text = await intent();
    const { recordId } = await client().publish(text);
    const record = await client().getRecord(recordId);
    expect([record.recordId, record.intentJson, record.creator]).toEqual([recordId, text, creatorAddress(secp, 'test')]);
    const page = await client().listRecords(creatorAddress(secp, 'test'), { pageSize: 100 });
    expect(page.records.map((r) => r.recordId)).toContain(recordId);
    const missing = await refusal(client().getRecord('0'.repeat(64)));
    expect([missing.reason, missing.code]).toEqual(['NOT_FOUND', 'not_found']);
  });

  it('watch streams the record as it is now until aborted; an unknown id is NOT_FOUND', async () => {
    const text = await intent();
    const { recordId } = await client().publish(text);
    const abort = new AbortController();
    const seen: PublisherRecord[] = [];
    const watching = (async () => {
      for await (const record of client().watch(recordId, { signal: abort.signal })) {
        seen.push(record);
        abort.abort();
      }
    })();
    expect(await refusal(watching)).toMatchObject({ reason: 'CANCELED', code: 'canceled' });
    expect(seen.map((r) => [r.recordId, r.intentJson])).toEqual([[recordId, text]]);
    expect(seen[0]?.publications.map((p) => p.status)).toEqual([PublicationStatus.QUEUED, PublicationStatus.QUEUED]);

    const missing = (async () => {
      for await (const record of client().watch('0'.repeat(64))) return record;
      return undefined;
    })();
    expect(await refusal(missing)).toMatchObject({ reason: 'NOT_FOUND', code: 'not_found' });
  });

  it('getProof returns the parsed proof, which verifies offline except for the anchors not yet mined', async () => {
    const text = await intent();
    const { recordId } = await client().publish(text);
    const { proof, proofJson, complete } = await client().getProof(recordId);
    expect(complete).toBe(false);
    expect(proof).toEqual(JSON.parse(proofJson));
    expect(proof.intent).toEqual(JSON.parse(text));
    const report = await verifyProof(proof);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['proof.targets']);
    expect(report.recordId).toBe(recordId);
  });
});
