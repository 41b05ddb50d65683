import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkpointSigner, entryBytes, entryText, logKeyFromSeedHex, receiptOf, signedBy, withTree } from '../../core/audit/index.ts';
import { canonicalJson, type JsonObject } from '../../core/canonical/index.ts';

interface CheckpointAndReceipt {
  ed25519SeedHex: string;
  vkey: string;
  entry: string;
  checkpoint: string;
  receipt: string;
}
const v = (JSON.parse(readFileSync(new URL('vectors/tlog-vectors.json', import.meta.url), 'utf8')) as { checkpointAndReceipt: CheckpointAndReceipt }).checkpointAndReceipt;
const origin = v.vkey.slice(0, v.vkey.indexOf('+'));
const signer = checkpointSigner(logKeyFromSeedHex(v.ed25519SeedHex), origin);

describe("the design's checkpoint and receipt vectors, made by the node's own formatting with the published test seed", () => {
  it('the verifier key', () => {
    expect(signer.verifierKey).toBe(v.vkey);
  });

  it('the entry: the intake form and the generic JCS form both give its bytes', () => {
    const fields = JSON.parse(v.entry) as { index: number; at: string; kind: string; actor: string; subject: string; data: JsonObject };
    const entry = { index: fields.index, at: new Date(fields.at), kind: fields.kind, actor: fields.actor, subject: fields.subject, dataJson: canonicalJson(fields.data) };
    expect(entryBytes(entry).toString('utf8')).toBe(v.entry);
    expect(entryText(entry)).toBe(v.entry);
  });

  it('the 9-entry log (entries "entry <i>" around entry 5): its signed checkpoint and entry 5\'s tlog-proof receipt, byte for byte', () => {
    const entries = Array.from({ length: 9 }, (_, i) => Buffer.from(i === 5 ? v.entry : `entry ${i}`, 'utf8'));
    const appended = withTree({ size: 0, levels: [[]] }, signer, { entries, kinds: entries.map(() => 'test'), subjects: entries.map(() => '') });
    expect(appended.note).toBe(v.checkpoint);
    expect(receiptOf(appended, 5)).toBe(v.receipt);
    expect(signedBy(v.checkpoint, signer)).toBe(true);
    expect(signedBy(v.checkpoint.replace('\n9\n', '\n10\n'), signer)).toBe(false);
  });
});
