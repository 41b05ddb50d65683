import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MerklePath } from '@bsv/sdk';
import { describe, expect, it } from 'vitest';
import { displayHash, headerFromWoc } from '../../adapters/bsv/block-header.ts';
import { checkpointSigner, logKeyFromSeedHex, receiptOf, withTree } from '../../core/audit/index.ts';
import { canonicalJson, sha256, type JsonObject } from '../../core/canonical/index.ts';
import { parseIntent, verifyIntent } from '../../core/intent/index.ts';
import { arweaveRsaPssScheme } from '../../core/schemes/index.ts';
import { legacyHeader } from '../sdk/support/legacy-header.ts';

const doc = readFileSync(new URL('../../docs/wire-format.md', import.meta.url), 'utf8');
const block = /<!-- vectors:begin -->\s*```json\n([\s\S]*?)\n```\s*<!-- vectors:end -->/.exec(doc);
const vectors = JSON.parse(block![1]!) as {
  rsaIntent: { privateKeyPkcs8Base64: string; envelopeJson: string; canonicalSigningInput: string; digestHex: string; creatorAddress: string };
  logReceipt: { ed25519SeedHex: string; verifierKey: string; entry: string; checkpoint: string; receipt: string };
  bsvBlockHeader: { wocHeader: Record<string, unknown>; blockHeader: string; blockHash: string; blockHeight: number; txids: string[]; txid: string; merklePath: string; merkleRoot: string };
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the vectors in docs/wire-format.md', () => {
  it('rsaIntent: the node verifies it; a signer rebuilds the signing input and digest and its own signature verifies', () => {
    const v = vectors.rsaIntent;
    const parsed = verifyIntent(parseIntent(v.envelopeJson));
    expect([parsed.signingInput, parsed.recordId]).toEqual([v.canonicalSigningInput, v.digestHex]);
    expect(parsed.scheme.address(parsed.publicKey, 'mainnet')).toBe(v.creatorAddress);

    const privateKey = Buffer.from(v.privateKeyPkcs8Base64, 'base64');
    const { signature: _given, ...unsigned } = JSON.parse(v.envelopeJson) as JsonObject;
    expect(canonicalJson(unsigned)).toBe(v.canonicalSigningInput);
    const digest = sha256(canonicalJson(unsigned));
    expect(hex(digest)).toBe(v.digestHex);
    const ours = arweaveRsaPssScheme.encodeSignature(arweaveRsaPssScheme.sign(digest, privateKey));
    expect(verifyIntent(parseIntent(JSON.stringify({ ...unsigned, signature: ours }))).recordId).toBe(v.digestHex);
  });

  it('logReceipt: the log key from the test seed, the 9-entry log\'s signed checkpoint and entry 5\'s receipt, byte for byte', () => {
    const v = vectors.logReceipt;
    const signer = checkpointSigner(logKeyFromSeedHex(v.ed25519SeedHex), v.verifierKey.slice(0, v.verifierKey.indexOf('+')));
    expect(signer.verifierKey).toBe(v.verifierKey);
    const entries = Array.from({ length: 9 }, (_, i) => Buffer.from(i === 5 ? v.entry : `entry ${i}`));
    const log = withTree({ size: 0, levels: [[]] }, signer, { entries, kinds: entries.map(() => ''), subjects: entries.map(() => '') });
    expect(log.note).toBe(v.checkpoint);
    expect(receiptOf(log, 5)).toBe(v.receipt);
  });

  it('bsvBlockHeader: the node rebuilds the header from WhatsOnChain\'s fields; bsv@1.5.6 and @bsv/sdk agree on hash, work and root', () => {
    const v = vectors.bsvBlockHeader;
    const rebuilt = headerFromWoc(v.wocHeader, v.blockHash);
    expect(Buffer.isBuffer(rebuilt) ? rebuilt.toString('hex') : rebuilt).toBe(v.blockHeader);
    expect(displayHash(Buffer.from(v.blockHeader, 'hex'))).toBe(v.blockHash);
    expect(legacyHeader(v.blockHeader)).toEqual({ hash: v.blockHash, merkleRoot: v.merkleRoot, validProofOfWork: true });
    const path = MerklePath.fromHex(v.merklePath);
    expect(path.blockHeight).toBe(v.blockHeight);
    expect(path.computeRoot(v.txid)).toBe(v.merkleRoot);
    // The root of the block's five txids, paired by hand (the odd last one with itself), is the header's.
    const sha256d = (bytes: Buffer) => createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();
    let level = v.txids.map((txid) => Buffer.from(txid, 'hex').reverse());
    while (level.length > 1) level = level.flatMap((node, i) => (i % 2 === 0 ? [sha256d(Buffer.concat([node, level[i + 1] ?? node]))] : []));
    expect(Buffer.from(level[0]!).reverse().toString('hex')).toBe(v.merkleRoot);
  });
});
