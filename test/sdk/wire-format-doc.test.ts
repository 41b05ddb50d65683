import { describe, expect, it } from 'vitest';
import { parseIntent, verifyIntent as serverVerifyIntent } from '../../core/intent/index.ts';
import {
  buildIntent,
  creatorAddress,
  importKey,
  intentDigest,
  signDigest,
  signIntent,
  verifyIntent,
  verifyReceipt,
  type JsonObject,
  type SchemeName,
} from '../../sdk/index.ts';
import { checkBlockHeader } from '../../sdk/verify/bsv/check-block-header.ts';
import { merkleRoot } from '../../sdk/verify/bsv/merkle-root.ts';
import { parseBump } from '../../sdk/verify/bsv/parse-bump.ts';
import { blockHeaderFromJson } from '../../sdk/index.ts';
import { intentVectors } from '../unit/support/vectors.ts';
import { docVectors } from './support/doc-vectors.ts';
import { jwkFromPkcs8 } from './support/rsa-jwk.ts';

describe('docs/wire-format.md vectors, through the SDK', () => {
  it('rsaIntent: the SDK rebuilds the signing input and digest, and the node accepts what the SDK signs', async () => {
    const v = docVectors.rsaIntent;
    const given = JSON.parse(v.envelopeJson) as { record: JsonObject; targets: string[]; nonce: string; timestamp: string; signer: { scheme: SchemeName; publicKey: string } };
    const key = await importKey({ scheme: 'arweave-rsa-pss', jwk: jwkFromPkcs8(v.privateKeyPkcs8Base64) });
    expect(key.publicKey).toBe(given.signer.publicKey);

    const envelope = buildIntent({ record: given.record, targets: given.targets, signer: key, nonce: given.nonce, timestamp: given.timestamp });
    expect(intentDigest(envelope).signingInput).toBe(v.canonicalSigningInput);
    expect(intentDigest(envelope).recordId).toBe(v.digestHex);

    const text = await signIntent(envelope, key);
    const verified = serverVerifyIntent(parseIntent(text));
    expect([verified.signingInput, verified.recordId]).toEqual([v.canonicalSigningInput, v.digestHex]);
    expect(await verifyIntent(text)).toBe(true);
  });

  it('rsaIntent: the given signature verifies in the SDK, and the creator address matches', async () => {
    const v = docVectors.rsaIntent;
    expect(await verifyIntent(v.envelopeJson)).toBe(true);
    const { signer } = JSON.parse(v.envelopeJson) as { signer: { scheme: string; publicKey: string } };
    expect(creatorAddress(signer, 'mainnet')).toBe(v.creatorAddress);
    expect(creatorAddress(signer, 'test')).toBe(v.creatorAddress);
  });

  it('logReceipt: the SDK verifies the receipt under the published verifier key, and nothing else', async () => {
    const v = docVectors.logReceipt;
    expect(await verifyReceipt(v.receipt, { logKey: v.verifierKey })).toBe(true);
    expect(v.receipt.endsWith(`\n\n${v.checkpoint}`)).toBe(true);
    const otherKey = v.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await verifyReceipt(v.receipt, { logKey: otherKey })).toBe(false);
    expect(await verifyReceipt(v.receipt.replace('\nindex 5\n', '\nindex 4\n'), { logKey: v.verifierKey })).toBe(false);
    expect(await verifyReceipt(v.receipt.replace('\n9\n', '\n10\n'), { logKey: v.verifierKey })).toBe(false);
    expect(await verifyReceipt('not a receipt', { logKey: v.verifierKey })).toBe(false);
    // Its entry is not an intent of the shared vectors: a real intent does not match it.
    const simple = intentVectors.valid.find((vector) => vector.name === 'simple')!;
    expect(await verifyReceipt(v.receipt, { logKey: v.verifierKey, intent: simple.envelopeJson })).toBe(false);
  });

  it('bsvBlockHeader: a real mainnet header passes bsv.header, bsv.merkle-root and bsv.proof-of-work; one changed byte does not', () => {
    const v = docVectors.bsvBlockHeader;
    expect(blockHeaderFromJson(v.wocHeader)).toBe(v.blockHeader);
    const bump = parseBump(Buffer.from(v.merklePath, 'hex'));
    expect(bump.blockHeight).toBe(v.blockHeight);
    const pathRoot = merkleRoot(bump, Buffer.from(v.txid, 'hex').reverse());
    const anchor = { network: v.network, blockHash: v.blockHash, blockHeader: v.blockHeader };
    const checks = checkBlockHeader({ anchor, supplied: undefined, pathRoot });
    expect(checks.map(([name, result]) => [name, result.ok])).toEqual([
      ['bsv.header', true],
      ['bsv.merkle-root', true],
      ['bsv.proof-of-work', true],
    ]);
    expect(checks[2]![1].detail).toBe('the header hash meets the target of its nBits 0x180997ee (difficulty 114609000000)');
    const changed = Buffer.from(v.blockHeader, 'hex');
    changed[76] = changed[76]! ^ 0x01;
    const failing = checkBlockHeader({ anchor: { ...anchor, blockHeader: changed.toString('hex') }, supplied: undefined, pathRoot });
    expect(failing.map(([name, result]) => [name, result.ok])).toEqual([
      ['bsv.header', false],
      ['bsv.merkle-root', true],
      ['bsv.proof-of-work', false],
    ]);
  });
});
