import { sign } from 'node:crypto';
import type { Ed25519ItemKey } from '../../adapters/arweave/sign-data-item.ts';
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

/** The log key as the Arweave adapter's Ed25519 item key, signing with node:crypto as the node does. */
export function itemKeyOf(signer: CheckpointSigner): Ed25519ItemKey {
  return { publicKey: signer.key.publicKey, verifierKey: signer.verifierKey, sign: (message) => sign(null, message, signer.key.privateKey) };
}
