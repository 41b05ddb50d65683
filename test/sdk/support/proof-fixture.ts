import type { Signer } from 'arbundles';
import { checkpointSigner, logKeyFromSeedHex } from '../../../core/audit/index.ts';
import {
  buildIntent,
  creatorAddress,
  recordIdOf,
  signIntent,
  type ProofBundle,
  type SignedIntent,
  type SigningKey,
} from '../../../sdk/index.ts';
import { standaloneReceipt } from '../../support/log-signer.ts';
import { FIXTURE_LOG_SEED, arweaveAnchorOf, operatorAddressOf, section4Tags } from './arweave-anchor.ts';
import { batchTransaction, bsvAnchorOf, section3Pushes, type Block } from './bsv-anchor.ts';

export interface SignedRecord {
  readonly text: string;
  readonly intent: SignedIntent;
  readonly recordId: string;
  readonly creator: string;
}

export async function signedRecord(key: SigningKey, record: object): Promise<SignedRecord> {
  const text = await signIntent(buildIntent({ record, targets: ['arweave', 'bsv'], signer: key }), key);
  return { text, intent: JSON.parse(text) as SignedIntent, recordId: recordIdOf(text), creator: creatorAddress(key, 'test') };
}

/** The fixtures' log: the design's published test seed (tlog-vectors.json), under its origin. */
export const fixtureLog = checkpointSigner(logKeyFromSeedHex(FIXTURE_LOG_SEED), 'example.com/chain-publisher/test');

/** The node's receipt for a record: its intent.accepted entry's tlog proof, made by core, in the fixtures' log. */
export function receiptOf(record: SignedRecord, overrides: { recordId?: string; creator?: string; targets?: string[] } = {}): string {
  return standaloneReceipt(fixtureLog, { recordId: record.recordId, creator: record.creator, targets: ['arweave', 'bsv'], ...overrides });
}

export interface ProofFixture {
  readonly proof: ProofBundle;
  readonly record: SignedRecord;
  /** Another record of the same batch (vout 2) and block. */
  readonly other: SignedRecord;
  readonly block: Block;
}

/**
 * A complete proof: the record at vout 1 of a batch transaction (with a second record at vout 2)
 * mined at `index` of a block of `size`, and one bundle-mode item per operator signer.
 */
export async function proofFixture(key: SigningKey, signers: readonly Signer[], index = 2, size = 5): Promise<ProofFixture> {
  const record = await signedRecord(key, { type: 'music', title: 'Fixture song', owners: [{ id: 'a', share: 100 }] });
  const other = await signedRecord(key, { type: 'music', title: 'Another song' });
  const tx = await batchTransaction([section3Pushes(record.intent, record.recordId), section3Pushes(other.intent, other.recordId)]);
  const { anchor, block } = bsvAnchorOf(tx, 1, index, size);
  const items = await Promise.all(signers.map((signer) => arweaveAnchorOf(signer, record.text, section4Tags(record.intent, record.recordId, record.creator, operatorAddressOf(signer)))));
  return { proof: { intent: record.intent, receipt: receiptOf(record), log: { verifierKey: fixtureLog.verifierKey }, anchors: [anchor, ...items] }, record, other, block };
}
