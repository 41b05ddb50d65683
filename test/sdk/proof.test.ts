import { createHash } from 'node:crypto';
import { MerklePath } from '@bsv/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { importKey, verifyProof, type ArweaveAnchor, type BsvAnchor, type CheckName, type ProofBundle, type ProofReport } from '../../sdk/index.ts';
import { ArweaveSigner } from 'arbundles';
import { arweaveAnchorOf, ed25519Signer, layer1TxOf, operatorAddressOf, operatorSigners, ownerAddress, section4Tags, webCryptoArweaveSigner } from './support/arweave-anchor.ts';
import { REGTEST_BITS, merklePathOf, mineHeader } from './support/bsv-anchor.ts';
import { docVectors } from './support/doc-vectors.ts';
import { legacyHeader } from './support/legacy-header.ts';
import { standaloneReceipt, testLogSigner } from '../support/log-signer.ts';
import { fixtureLog, proofFixture, receiptOf, type ProofFixture } from './support/proof-fixture.ts';
import { jwkFromPkcs8, newArweaveJwk } from './support/rsa-jwk.ts';

let signers: ReturnType<typeof operatorSigners>;
let secp: ProofFixture;
beforeAll(async () => {
  signers = operatorSigners();
  const key = await importKey({ scheme: 'secp256k1', secretKeyHex: '11'.repeat(32) });
  secp = await proofFixture(key, [signers.arweave, signers.ed25519]);
}, 120_000);

const failed = (report: ProofReport) => report.checks.filter((check) => !check.ok).map((check) => check.name);
const clone = (proof: ProofBundle) => structuredClone(proof) as { -readonly [K in keyof ProofBundle]: ProofBundle[K] } & { anchors: (BsvAnchor | ArweaveAnchor)[] };
const bsv = (proof: ProofBundle) => proof.anchors[0] as BsvAnchor;
const withAnchor = (proof: ProofBundle, index: number, anchor: object): ProofBundle => ({ ...proof, anchors: proof.anchors.map((a, i) => (i === index ? { ...a, ...anchor } : a)) as ProofBundle['anchors'] });
const flip = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

describe('a valid proof verifies offline', () => {
  it.each([
    ['secp256k1', async () => secp],
    ['arweave-rsa-pss', async () => proofFixture(await importKey({ scheme: 'arweave-rsa-pss', jwk: jwkFromPkcs8(docVectors.rsaIntent.privateKeyPkcs8Base64) }), [signers.arweave, signers.ed25519], 4, 5)],
  ])('for a %s creator, with BSV and Arweave (types 1 and 2) anchors', async (_scheme, fixture) => {
    const { proof, record, block } = await fixture();
    const report = await verifyProof(proof);
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.recordId).toBe(record.recordId);
    const names = report.checks.map((check) => check.name);
    for (const name of ['intent.signature', 'receipt.signature', 'receipt.matches-intent', 'bsv.txid', 'bsv.output', 'bsv.merkle-path', 'bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work', 'arweave.item', 'arweave.id', 'arweave.signature', 'arweave.item-key', 'arweave.data', 'arweave.tags', 'arweave.tx', 'proof.targets'] as const) {
      expect(names).toContain(name);
    }
    const anchor = bsv(proof);
    expect(report.merkleRoots).toEqual([{ anchor: 0, merkleRoot: block.merkleRoot, txid: anchor.txid, blockHeight: block.height, blockHash: anchor.blockHash }]);
    // Independently of the SDK: @bsv/sdk computes the path's root, bsv@1.5.6 reads the header.
    const legacy = legacyHeader(anchor.blockHeader!);
    expect(MerklePath.fromHex(anchor.merklePath!).computeRoot(anchor.txid)).toBe(legacy.merkleRoot);
    expect(legacy).toEqual({ hash: anchor.blockHash, merkleRoot: block.merkleRoot, validProofOfWork: true });
  });

  it('accepts an Arweave (type 1) item signed with salt length 32, as arweave-js signs in browsers', async () => {
    const signer = await webCryptoArweaveSigner();
    const tags = section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, ownerAddress(signer));
    expect(failed(await verifyProof(withAnchor(secp.proof, 1, await arweaveAnchorOf(signer, secp.record.text, tags))))).toEqual([]);
  });

  it('accepts the proof as JSON text too', async () => {
    expect((await verifyProof(JSON.stringify(secp.proof))).ok).toBe(true);
  });

  it.each([
    ['alone in its block', 0, 1],
    ['first of two', 0, 2],
    ['last of an odd level (duplicate markers)', 6, 7],
    ['in a larger block', 11, 23],
  ])('computes the block\'s Merkle root for a transaction %s', async (_where, index, size) => {
    const { proof, block } = await proofFixture(await importKey({ scheme: 'secp256k1', secretKeyHex: '11'.repeat(32) }), [], index, size);
    const report = await verifyProof(proof);
    expect(failed(report)).toEqual(['proof.targets']);
    expect(report.merkleRoots[0]?.merkleRoot).toBe(block.merkleRoot);
  });
});

describe('each kind of tampering fails the check that covers it', () => {
  it('a changed record fails intent.signature (and every check that ties the anchors to the intent)', async () => {
    const proof = clone(secp.proof);
    proof.intent = { ...proof.intent, record: { ...proof.intent.record, title: 'Changed' } };
    const failures = failed(await verifyProof(proof));
    expect(failures).toContain('intent.signature');
    expect(failures).toEqual(expect.arrayContaining<CheckName>(['receipt.matches-intent', 'bsv.output', 'arweave.data']));
  });

  it.each([
    ['the next record of the batch', 2, /push 3 is not the digest/],
    ['the change output', 0, /carries 9000 satoshis/],
    ['an output that does not exist', 9, /not an output/],
  ])('a vout pointing at %s fails bsv.output only', async (_what, vout, detail) => {
    const report = await verifyProof(withAnchor(secp.proof, 0, { vout }));
    expect(failed(report)).toEqual(['bsv.output']);
    expect(report.checks.find((c) => c.name === 'bsv.output')?.detail).toMatch(detail);
  });

  it('a flipped byte of rawTx fails bsv.txid (and the path no longer holds the transaction)', async () => {
    const raw = Buffer.from(bsv(secp.proof).rawTx, 'hex');
    const report = await verifyProof(withAnchor(secp.proof, 0, { rawTx: flip(raw, 10).toString('hex') }));
    expect(failed(report)).toEqual(expect.arrayContaining<CheckName>(['bsv.txid', 'bsv.merkle-path']));
    expect(failed(report)).not.toContain('intent.signature');
  });

  it('a flipped byte inside the OP_RETURN data fails bsv.output as well as bsv.txid', async () => {
    const anchor = bsv(secp.proof);
    const raw = Buffer.from(anchor.rawTx, 'hex');
    const at = raw.indexOf(Buffer.from(secp.record.recordId, 'hex'));
    const report = await verifyProof(withAnchor(secp.proof, 0, { rawTx: flip(raw, at + 5).toString('hex') }));
    expect(failed(report)).toEqual(expect.arrayContaining<CheckName>(['bsv.txid', 'bsv.output']));
  });

  it('a Merkle path made for another transaction fails bsv.merkle-path (and leaves no root for bsv.merkle-root)', async () => {
    const merklePath = merklePathOf(secp.block, 0).toHex();
    const report = await verifyProof(withAnchor(secp.proof, 0, { merklePath }));
    expect(failed(report)).toEqual(['bsv.merkle-path', 'bsv.merkle-root']);
    expect(report.merkleRoots).toEqual([]);
  });

  it.each([
    ['truncated', (hex: string) => hex.slice(0, -2)],
    ['with trailing bytes', (hex: string) => `${hex}00`],
    ['not hex', () => 'xyz'],
  ])('a Merkle path %s fails bsv.merkle-path', async (_how, change) => {
    const report = await verifyProof(withAnchor(secp.proof, 0, { merklePath: change(bsv(secp.proof).merklePath!) }));
    expect(failed(report)).toEqual(['bsv.merkle-path', 'bsv.merkle-root']);
  });

  it('a Merkle path for another block height fails bsv.merkle-path', async () => {
    expect(failed(await verifyProof(withAnchor(secp.proof, 0, { blockHeight: 812_346 })))).toEqual(['bsv.merkle-path', 'bsv.merkle-root']);
  });

  it('a missing Merkle path (not mined yet) fails bsv.merkle-path', async () => {
    const { merklePath: _omitted, ...unmined } = bsv(secp.proof);
    const proof = clone(secp.proof);
    proof.anchors[0] = unmined;
    expect(failed(await verifyProof(proof))).toEqual(['bsv.merkle-path', 'bsv.merkle-root']);
  });

  describe.each([
    ['arweave (type 1)', 1, () => signers.arweave],
    ['ed25519 (type 2)', 2, () => signers.ed25519],
  ] as const)('the %s item', (_type, position, signer) => {
    const item = () => Buffer.from((secp.proof.anchors[position] as ArweaveAnchor).item!, 'base64url');
    const withItem = (bytes: Buffer) => withAnchor(secp.proof, position, { item: bytes.toString('base64url') });
    const resigned = (data: string, tags: ReturnType<typeof section4Tags>) => arweaveAnchorOf(signer(), data, tags);
    const tags = () => section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, operatorAddressOf(signer()));

    it('re-signed by the operator with a wrong Record-Id tag fails arweave.tags only', async () => {
      const wrong = tags().map((t) => (t.name === 'Record-Id' ? { ...t, value: secp.other.recordId } : t));
      const report = await verifyProof(withAnchor(secp.proof, position, await resigned(secp.record.text, wrong)));
      expect(failed(report)).toEqual(['arweave.tags']);
    });

    it.each(['App-Name', 'CreatorSig', 'SigningMethod', 'NodeOperator', 'Creator'])('without or with a wrong %s tag fails arweave.tags', async (name) => {
      const missing = tags().filter((t) => t.name !== name);
      expect(failed(await verifyProof(withAnchor(secp.proof, position, await resigned(secp.record.text, missing))))).toEqual(['arweave.tags']);
      const wrong = tags().map((t) => (t.name === name ? { ...t, value: `${t.value}x` } : t));
      expect(failed(await verifyProof(withAnchor(secp.proof, position, await resigned(secp.record.text, wrong))))).toEqual(['arweave.tags']);
    });

    it('with a tag byte altered after signing fails arweave.signature', async () => {
      const bytes = item();
      const at = bytes.indexOf(Buffer.from(secp.record.recordId));
      const report = await verifyProof(withItem(flip(bytes, at)));
      expect(failed(report)).toEqual(expect.arrayContaining<CheckName>(['arweave.signature', 'arweave.tags']));
    });

    it('re-signed with another intent as data fails arweave.data only', async () => {
      const report = await verifyProof(withAnchor(secp.proof, position, await resigned(secp.other.text, tags())));
      expect(failed(report)).toEqual(['arweave.data']);
    });

    it('with a data byte altered after signing fails arweave.signature and arweave.data', async () => {
      const bytes = item();
      const report = await verifyProof(withItem(flip(bytes, bytes.length - 3)));
      expect(failed(report)).toEqual(expect.arrayContaining<CheckName>(['arweave.signature', 'arweave.data']));
    });

    it('with a flipped signature byte fails arweave.signature and arweave.id', async () => {
      const report = await verifyProof(withItem(flip(item(), 40)));
      expect(failed(report)).toEqual(['arweave.id', 'arweave.signature']);
    });

    it('truncated fails arweave.item', async () => {
      expect(failed(await verifyProof(withItem(item().subarray(0, 100))))).toEqual(['arweave.item']);
    });
  });

  it("an item of a type the node never issues (3, Ethereum) fails arweave.item, even correctly signed and tagged", async () => {
    const signer = signers.ethereum;
    const item = await arweaveAnchorOf(signer, secp.record.text, section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, ownerAddress(signer)));
    const report = await verifyProof(withAnchor(secp.proof, 1, item));
    expect(failed(report)).toEqual(['arweave.item']);
    expect(report.checks.find((c) => c.name === 'arweave.item')?.detail).toMatch(/signature type 3 \(ethereum \(secp256k1\)\), which the node never issues: 1 \(its wallet\) or 2 \(its Ed25519 log key\)/);
  });

  describe("an Ed25519 item's owner is the operator's log key", () => {
    const detail = (report: ProofReport) => report.checks.find((c) => c.name === 'arweave.item-key')?.detail;

    it('checked against the key given (--log-key), or else the bundle\'s, which the report says cannot vouch for itself', async () => {
      const given = await verifyProof(secp.proof, { logKey: fixtureLog.verifierKey });
      expect(failed(given)).toEqual([]);
      expect(detail(given)).toBe(`the item's owner is the operator's log key ${fixtureLog.verifierKey.split('+').slice(0, 2).join('+')}`);
      const fromBundle = await verifyProof(secp.proof);
      expect(failed(fromBundle)).toEqual([]);
      expect(detail(fromBundle)).toMatch(/taken from the bundle itself/);
    });

    it('signed by another Ed25519 key (correctly, with the right tags and bundle) fails arweave.item-key only', async () => {
      const stranger = ed25519Signer('77'.repeat(32));
      const item = await arweaveAnchorOf(stranger, secp.record.text, section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, operatorAddressOf(stranger)));
      const report = await verifyProof(withAnchor(secp.proof, 2, item), { logKey: fixtureLog.verifierKey });
      expect(failed(report)).toEqual(['arweave.item-key']);
      expect(detail(report)).toMatch(/^the item is signed by the Ed25519 key \S{43}, not by the operator's log key example\.com\/chain-publisher\/test\+/);
    });

    it('with no key at all (none given, none in the bundle) fails arweave.item-key, and the anchor\'s itemKey is used when it is the only one', async () => {
      const { log: _none, ...keyless } = secp.proof;
      expect(failed(await verifyProof(keyless))).toEqual(['receipt.signature', 'arweave.item-key']);
      const named = withAnchor(keyless as ProofBundle, 2, { itemSigner: 'ed25519', itemKey: fixtureLog.verifierKey });
      const report = await verifyProof(named);
      expect(failed(report)).toEqual(['receipt.signature']);
      expect(detail(report)).toMatch(/taken from the bundle itself/);
    });

    it('without its bundle\'s header the NodeOperator tag cannot be bound to a wallet: arweave.tags fails', async () => {
      const { tx: _none, ...headerless } = secp.proof.anchors[2] as ArweaveAnchor;
      const proof = clone(secp.proof);
      proof.anchors[2] = headerless;
      const report = await verifyProof(proof);
      expect(failed(report)).toEqual(['arweave.tags']);
      expect(report.checks.find((c) => c.name === 'arweave.tags' && c.anchor === 2)?.detail).toMatch(/NodeOperator .* cannot be checked: the anchor carries no bundle header/);
    });
  });

  it('the data compared canonically: the same intent respelled (JCS) still passes arweave.data', async () => {
    const { canonicalJson } = await import('../../core/canonical/index.ts');
    const respelled = canonicalJson(JSON.parse(secp.record.text) as never);
    const tags = section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, ownerAddress(signers.arweave));
    expect(failed(await verifyProof(withAnchor(secp.proof, 1, await arweaveAnchorOf(signers.arweave, respelled, tags))))).toEqual([]);
  });

  it('an anchor id that is not the item\'s fails arweave.id', async () => {
    expect(failed(await verifyProof(withAnchor(secp.proof, 1, { id: 'A'.repeat(43) })))).toEqual(['arweave.id']);
  });

  it('an unsupported signature type fails arweave.item', async () => {
    const bytes = Buffer.from((secp.proof.anchors[1] as ArweaveAnchor).item!, 'base64url');
    bytes[0] = 4;
    expect(failed(await verifyProof(withAnchor(secp.proof, 1, { item: bytes.toString('base64url') })))).toEqual(['arweave.item']);
  });

  it('a layer-1 Arweave anchor (no item) cannot be checked offline and fails arweave.item', async () => {
    const { item: _omitted, ...l1 } = secp.proof.anchors[1] as ArweaveAnchor;
    const proof = clone(secp.proof);
    proof.anchors[1] = l1;
    expect(failed(await verifyProof(proof))).toEqual(['arweave.item']);
  });

  it('a receipt whose entry was changed fails receipt.signature: its inclusion proof no longer gives the signed root', async () => {
    const proof = clone(secp.proof);
    const [head, extra, ...rest] = proof.receipt.split('\n');
    const entry = Buffer.from(extra!.slice('extra '.length), 'base64').toString('utf8').replace('"kind":"intent.accepted"', '"kind":"intent.refused"');
    proof.receipt = [head, `extra ${Buffer.from(entry).toString('base64')}`, ...rest].join('\n');
    expect(failed(await verifyProof(proof))).toEqual(['receipt.signature', 'receipt.matches-intent']);
  });

  it('checks the receipt with the log key given, and says when the key came from the bundle itself', async () => {
    const fromBundle = await verifyProof(secp.proof);
    expect(fromBundle.checks.find((c) => c.name === 'receipt.signature')).toMatchObject({ ok: true, detail: expect.stringContaining('taken from the bundle itself') });
    const given = await verifyProof(secp.proof, { logKey: fixtureLog.verifierKey });
    expect(given.checks.find((c) => c.name === 'receipt.signature')).toMatchObject({ ok: true, detail: expect.not.stringContaining('bundle') });
    const other = testLogSigner();
    const forged = { ...secp.proof, receipt: standaloneReceipt(other, { recordId: secp.record.recordId, creator: secp.record.creator, targets: ['arweave', 'bsv'] }), log: { verifierKey: other.verifierKey } };
    // The forged bundle's key signs its receipt, but not the Ed25519 item the operator's key signed.
    expect(failed(await verifyProof(forged))).toEqual(['arweave.item-key']);
    expect(failed(await verifyProof(forged, { logKey: fixtureLog.verifierKey }))).toEqual(['receipt.signature']);
    const { log: _none, ...keyless } = secp.proof;
    expect(failed(await verifyProof(keyless))).toEqual(['receipt.signature', 'arweave.item-key']);
    expect(failed(await verifyProof(keyless, { logKey: fixtureLog.verifierKey }))).toEqual([]);
  });

  it.each([
    ['another record', () => receiptOf(secp.record, { recordId: secp.other.recordId })],
    ['another creator', () => receiptOf(secp.record, { creator: 'mix1rJsyvU2bikKmBrf7h36FCJo5qvHAi4' })],
    ['other targets', () => receiptOf(secp.record, { targets: ['bsv'] })],
  ])('a validly signed receipt for %s fails receipt.matches-intent', async (_what, receipt) => {
    const report = await verifyProof({ ...secp.proof, receipt: receipt() });
    expect(failed(report)).toContain('receipt.matches-intent');
    expect(failed(report)).not.toContain('receipt.signature');
  });

  it('a receipt naming the signer\'s mainnet address while the item names its test address fails arweave.tags', async () => {
    const report = await verifyProof({ ...secp.proof, receipt: receiptOf(secp.record, { creator: '1Q1pE5vPGEEMqRcVRMbtBK842Y6Pzo6nK9' }) });
    expect(failed(report)).toEqual(['arweave.tags', 'arweave.tags']);
  });

  it('a proof missing a target chain fails proof.targets', async () => {
    expect(failed(await verifyProof({ ...secp.proof, anchors: [bsv(secp.proof)] }))).toEqual(['proof.targets']);
  });

  it('an anchor of an unknown chain fails anchor.chain', async () => {
    const anchors = [...secp.proof.anchors, { chain: 'ethereum', network: 'x' }] as unknown as ProofBundle['anchors'];
    expect(failed(await verifyProof({ ...secp.proof, anchors }))).toEqual(['anchor.chain']);
  });

  it.each([
    ['not JSON', 'not json'],
    ['an array', '[]'],
    ['no anchors', JSON.stringify({ intent: {}, receipt: '' })],
    ['a receipt that is not text', JSON.stringify({ intent: {}, receipt: {}, anchors: [] })],
  ])('input that is %s fails proof.shape, without throwing', async (_what, text) => {
    const report = await verifyProof(text);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['proof.shape']);
  });
});

describe('offline, the block header binds a BSV anchor to its block', () => {
  const detail = (report: ProofReport, name: CheckName) => report.checks.find((check) => check.name === name)?.detail;
  const header = () => Buffer.from(bsv(secp.proof).blockHeader!, 'hex');

  it('passes bsv.header, bsv.merkle-root and bsv.proof-of-work for a mined header, and leaves the best chain to --online', async () => {
    const report = await verifyProof(secp.proof);
    const anchor = bsv(secp.proof);
    expect(detail(report, 'bsv.header')).toBe(`the header hashes to the blockHash ${anchor.blockHash}`);
    expect(detail(report, 'bsv.merkle-root')).toBe(`the header's Merkle root ${secp.block.merkleRoot} is the one the path computes`);
    expect(detail(report, 'bsv.proof-of-work')).toMatch(/^the header hash meets the target of its nBits 0x207fffff \(difficulty 4\.65654e-10\)$/);
    expect(report.onlineOnly).toEqual([
      { anchor: 0, chain: 'bsv', claim: `block ${anchor.blockHash} is in the best chain at height 812345, with 6 or more confirmations` },
      ...[1, 2].map((index) => {
        const item = secp.proof.anchors[index] as ArweaveAnchor;
        return { anchor: index, chain: 'arweave', claim: `bundle ${item.bundleId} holds item ${item.id} and is in block ${item.blockHash} at height 1234567 of the best chain, with 20 or more confirmations` };
      }),
    ]);
  });

  it('a tampered Merkle path (one sibling byte) computes another root and fails bsv.merkle-root', async () => {
    const bump = Buffer.from(bsv(secp.proof).merklePath!, 'hex');
    const report = await verifyProof(withAnchor(secp.proof, 0, { merklePath: flip(bump, bump.length - 1).toString('hex') }));
    expect(failed(report)).toEqual(['bsv.merkle-root']);
    expect(detail(report, 'bsv.merkle-root')).toMatch(new RegExp(`^the header's Merkle root is ${secp.block.merkleRoot}, the path computes [0-9a-f]{64}$`));
    expect(MerklePath.fromHex(flip(bump, bump.length - 1).toString('hex')).computeRoot(bsv(secp.proof).txid)).not.toBe(legacyHeader(bsv(secp.proof).blockHeader!).merkleRoot);
  });

  it('a tampered blockHash fails bsv.header', async () => {
    const blockHash = flip(Buffer.from(bsv(secp.proof).blockHash!, 'hex'), 31).toString('hex');
    const report = await verifyProof(withAnchor(secp.proof, 0, { blockHash }));
    expect(failed(report)).toEqual(['bsv.header']);
    expect(detail(report, 'bsv.header')).toBe(`the header hashes to ${bsv(secp.proof).blockHash}, not to the blockHash ${blockHash}`);
    expect(legacyHeader(bsv(secp.proof).blockHeader!).hash).not.toBe(blockHash);
  });

  it.each([
    ['the version', 0],
    ['the previous block hash', 10],
    ['the time', 70],
    ['the nonce', 79],
  ])('a header with one byte of %s flipped fails bsv.header (its proof of work is then chance)', async (_field, at) => {
    const blockHeader = flip(header(), at).toString('hex');
    const failures = failed(await verifyProof(withAnchor(secp.proof, 0, { blockHeader })));
    expect(failures).toContain('bsv.header');
    expect(failures.every((name) => name === 'bsv.header' || name === 'bsv.proof-of-work')).toBe(true);
    expect(legacyHeader(blockHeader).hash).not.toBe(bsv(secp.proof).blockHash);
  });

  it('a header with one byte of its Merkle root flipped fails bsv.header and bsv.merkle-root', async () => {
    const failures = failed(await verifyProof(withAnchor(secp.proof, 0, { blockHeader: flip(header(), 40).toString('hex') })));
    expect(failures).toEqual(expect.arrayContaining<CheckName>(['bsv.header', 'bsv.merkle-root']));
  });

  it('a header whose hash misses the target of its own nBits fails bsv.proof-of-work only', async () => {
    const forged = mineHeader({ merkleRoot: secp.block.merkleRoot, meetsTarget: false });
    const report = await verifyProof(withAnchor(secp.proof, 0, { blockHeader: forged.header, blockHash: forged.hash }));
    expect(failed(report)).toEqual(['bsv.proof-of-work']);
    expect(detail(report, 'bsv.proof-of-work')).toBe(`the header hash ${forged.hash} is above the target of its nBits 0x207fffff (difficulty 4.65654e-10): no proof of work`);
    expect(legacyHeader(forged.header)).toEqual({ hash: forged.hash, merkleRoot: secp.block.merkleRoot, validProofOfWork: false });
  });

  it.each([
    ['claims regtest\'s easy target on mainnet', 'mainnet', REGTEST_BITS, /^nBits 0x207fffff is an easier target than mainnet allows \(0x1d00ffff\)$/],
    ['encodes a zero target', 'regtest', 0x20000000, /^nBits 0x20000000: it encodes a zero target$/],
    ['encodes a negative target', 'regtest', 0x1d80ffff, /^nBits 0x1d80ffff: it encodes a negative target$/],
    ['names a network without a known limit', 'nowhere', REGTEST_BITS, /^no proof-of-work limit is known for network "nowhere"/],
  ])('a header whose nBits %s fails bsv.proof-of-work', async (_what, network, bits, message) => {
    const mined = mineHeader({ merkleRoot: secp.block.merkleRoot, bits: bits === 0x20000000 || bits === 0x1d80ffff ? REGTEST_BITS : bits });
    const blockHeader = Buffer.from(mined.header, 'hex');
    blockHeader.writeUInt32LE(bits, 72);
    const hash = legacyHeader(blockHeader.toString('hex')).hash;
    const report = await verifyProof(withAnchor(secp.proof, 0, { network, blockHeader: blockHeader.toString('hex'), blockHash: hash }));
    expect(failed(report)).toEqual(['bsv.proof-of-work']);
    expect(detail(report, 'bsv.proof-of-work')).toMatch(message);
  });

  it('a real header of another block fails bsv.header and bsv.merkle-root; with that block\'s hash too, bsv.merkle-root', async () => {
    const other = mineHeader({ merkleRoot: randomHex() });
    expect(failed(await verifyProof(withAnchor(secp.proof, 0, { blockHeader: other.header })))).toEqual(['bsv.header', 'bsv.merkle-root']);
    expect(failed(await verifyProof(withAnchor(secp.proof, 0, { blockHeader: other.header, blockHash: other.hash })))).toEqual(['bsv.merkle-root']);
    expect(legacyHeader(other.header)).toMatchObject({ hash: other.hash, validProofOfWork: true });
  });

  it.each([
    ['truncated', (hex: string) => hex.slice(0, -2), /^block header at byte 0: it has 79 bytes, not 80/],
    ['with a byte more', (hex: string) => `${hex}00`, /^block header at byte 0: it has 81 bytes, not 80/],
    ['not hex', () => 'zz'.repeat(80), /^blockHeader is not hex/],
  ])('a header %s fails bsv.header, and the checks that need it', async (_how, change, message) => {
    const report = await verifyProof(withAnchor(secp.proof, 0, { blockHeader: change(bsv(secp.proof).blockHeader!) }));
    expect(failed(report)).toEqual(['bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']);
    expect(detail(report, 'bsv.header')).toMatch(message);
  });

  it('a bundle without blockHeader (made before anchors carried it) fails bsv.header, unless the caller supplies the header', async () => {
    const { blockHeader, ...older } = bsv(secp.proof);
    const proof = clone(secp.proof);
    proof.anchors[0] = older;
    const report = await verifyProof(proof);
    expect(failed(report)).toEqual(['bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']);
    expect(detail(report, 'bsv.header')).toMatch(/no blockHeader, so nothing in the proof ties its Merkle path to a block; `publisher verify --online` fetches the header$/);

    const supplied = await verifyProof(proof, { blockHeaders: { [older.blockHash!]: blockHeader! } });
    expect(failed(supplied)).toEqual([]);
    expect(detail(supplied, 'bsv.header')).toBe(`the header supplied to the verifier (not in the proof) hashes to the blockHash ${older.blockHash}`);
    // The anchor's own header wins over a supplied one.
    const other = mineHeader({ merkleRoot: randomHex() });
    expect(failed(await verifyProof(secp.proof, { blockHeaders: { [older.blockHash!]: other.header } }))).toEqual([]);
  });
});

function randomHex(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
}

describe('offline, an Arweave anchor\'s signed layer-1 transaction', () => {
  const bundleTags = [
    { name: 'Bundle-Format', value: 'binary' },
    { name: 'Bundle-Version', value: '2.0.0' },
  ];
  let jwk: ReturnType<typeof newArweaveJwk>;
  let item: ArweaveAnchor;
  beforeAll(async () => {
    jwk = newArweaveJwk();
    const signer = new ArweaveSigner(jwk as never);
    item = await arweaveAnchorOf(signer, secp.record.text, section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, ownerAddress(signer)));
  }, 120_000);
  const withItem = (anchor: object) => ({ ...secp.proof, anchors: [secp.proof.anchors[0]!, anchor] as ProofBundle['anchors'] });
  const report = async (anchor: object) => verifyProof(withItem(anchor));
  const detail = (r: ProofReport, name: CheckName) => r.checks.find((check) => check.name === name)?.detail;

  it('bundle mode: a bundle signed by the item\'s owner (arweave-js) passes arweave.tx; another signer, other tags or a changed field fail it', async () => {
    const tx = await layer1TxOf(jwk as never, Buffer.from(item.item!, 'base64url'), bundleTags);
    const good = await report({ ...item, bundleId: tx['id'], tx });
    expect(failed(good)).toEqual([]);
    expect(detail(good, 'arweave.tx')).toMatch(/^bundle \S{43} \(\d+ bytes\) is signed by the item's owner \S{43} and declares an ANS-104 binary bundle$/);

    const stranger = await layer1TxOf(newArweaveJwk() as never, Buffer.from('x'), bundleTags);
    expect(failed(await report({ ...item, bundleId: stranger['id'], tx: stranger }))).toEqual(['arweave.tx']);
    const untagged = await layer1TxOf(jwk as never, Buffer.from('x'), []);
    const plain = await report({ ...item, bundleId: untagged['id'], tx: untagged });
    expect(detail(plain, 'arweave.tx')).toBe(`bundle ${String(untagged['id'])} does not declare Bundle-Format: binary, Bundle-Version: 2.0.0`);
    expect(failed(await report({ ...item, bundleId: tx['id'], tx: { ...tx, data_size: '7' } }))).toEqual(['arweave.tx']);
    expect(failed(await report({ ...item, tx }))).toEqual(['arweave.tx']); // the anchor's bundleId is another
    // An anchor made before anchors carried the bundle's header has no arweave.tx check at all.
    expect((await report(item)).checks.map((check) => check.name)).not.toContain('arweave.tx');
  });

  it('layer-1 mode: the transaction and its data pass arweave.tx, arweave.data, arweave.data-root and arweave.tags', async () => {
    const data = Buffer.from(secp.record.text);
    const tags = section4Tags(secp.record.intent, secp.record.recordId, secp.record.creator, createOwnerAddress(jwk));
    const tx = await layer1TxOf(jwk as never, data, tags);
    const l1 = { chain: 'arweave', network: 'devnet', id: tx['id'], tx, data: data.toString('base64url'), blockHash: 'b', blockHeight: 5, confirmations: 2 };
    const good = await report(l1);
    expect(failed(good)).toEqual([]);
    expect(good.checks.filter((c) => c.anchor === 1).map((c) => c.name)).toEqual(['arweave.tx', 'arweave.data', 'arweave.data-root', 'arweave.tags']);

    const other = Buffer.from(secp.other.text);
    expect(failed(await report({ ...l1, data: other.toString('base64url') }))).toEqual(['arweave.data', 'arweave.data-root']);
    const wrongTags = await layer1TxOf(jwk as never, data, tags.filter((tag) => tag.name !== 'Record-Id'));
    expect(failed(await report({ ...l1, id: wrongTags['id'], tx: wrongTags }))).toEqual(['arweave.tags']);
    expect(failed(await report({ ...l1, tx: { ...tx, data_root: Buffer.alloc(32).toString('base64url') } }))).toEqual(['arweave.tx', 'arweave.data-root']);
  });
});

function createOwnerAddress(jwk: { n?: string }): string {
  return createHash('sha256').update(Buffer.from(jwk.n!, 'base64url')).digest('base64url');
}
