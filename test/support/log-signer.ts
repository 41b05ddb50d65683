import { checkpointSigner, devOrigin, entryBytes, generateLogKeyHex, logKeyFromSeedHex, receiptOf, withTree, type CheckpointSigner } from '../../core/audit/index.ts';
import { canonicalJson } from '../../core/canonical/index.ts';

/** A fresh log key under a dev origin derived from it, as the dev profile makes one. */
export function testLogSigner(): CheckpointSigner {
  const key = logKeyFromSeedHex(generateLogKeyHex());
  return checkpointSigner(key, devOrigin(key));
}

/** A receipt for a record outside any node: its `intent.accepted` entry as the only entry of a log signed by `signer`. */
export function standaloneReceipt(signer: CheckpointSigner, record: { recordId: string; creator: string; targets: readonly string[] }): string {
  const data = { recordId: record.recordId, creator: record.creator, targets: [...record.targets].sort() };
  const entry = entryBytes({ index: 0, at: new Date(), kind: 'intent.accepted', actor: record.creator, subject: record.recordId, dataJson: canonicalJson(data) });
  return receiptOf(withTree({ size: 0, levels: [[]] }, signer, { entries: [entry], kinds: ['intent.accepted'], subjects: [record.recordId] }), 0);
}
