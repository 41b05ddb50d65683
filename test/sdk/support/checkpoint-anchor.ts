import type { Signer } from 'arbundles';
import { consistencyRanges, entryBytes, hashChildren, hashLeaf, receiptOf, withTree, type CheckpointSigner } from '../../../core/audit/index.ts';
import { canonicalJson } from '../../../core/canonical/index.ts';
import type { Anchor, ArweaveAnchor, BsvAnchor, ProofBundle } from '../../../sdk/index.ts';
import { arweaveAnchorOf, fixtureWallet, layer1TxOf, type Tag } from './arweave-anchor.ts';
import { batchTransaction, bsvAnchorOf } from './bsv-anchor.ts';
import { fixtureLog, type ProofFixture, type SignedRecord } from './proof-fixture.ts';

/** A log around one record's intent.accepted entry: `entry <i>` at every other index. */
export interface FixtureTree {
  readonly leaves: readonly Buffer[];
  /** The record's receipt, against the node's checkpoint of the first `receiptSize` leaves. */
  readonly receipt: string;
}

/** RFC 6962 §2.1's Merkle Tree Hash of leaves [start, end), computed by hand. */
export function treeHash(leaves: readonly Buffer[], start = 0, end = leaves.length): Buffer {
  if (end - start === 1) return hashLeaf(leaves[start]!);
  let k = 1;
  while (k * 2 < end - start) k *= 2;
  return hashChildren(treeHash(leaves, start, start + k), treeHash(leaves, start + k, end));
}

/**
 * `size` leaves with the record accepted at `index`; its receipt is made by core (withTree,
 * receiptOf) against the checkpoint of the first `receiptSize` leaves.
 */
export function fixtureTree(signer: CheckpointSigner, record: SignedRecord, index: number, receiptSize: number, size: number): FixtureTree {
  const data = canonicalJson({ recordId: record.recordId, creator: record.creator, targets: ['arweave', 'bsv'] });
  const leaves = Array.from({ length: size }, (_, i) =>
    i === index ? entryBytes({ index, at: new Date('2026-12-08T00:00:00.000Z'), kind: 'intent.accepted', actor: record.creator, subject: record.recordId, dataJson: data }) : Buffer.from(`entry ${i}`),
  );
  const head = leaves.slice(0, receiptSize);
  const appended = withTree({ size: 0, levels: [[]] }, signer, { entries: head, kinds: head.map(() => 'intent.accepted'), subjects: head.map(() => record.recordId) });
  return { leaves, receipt: receiptOf(appended, index) };
}

/** The signed checkpoint of the first `size` leaves, and PROOF(from, size) (node ranges, hashes by hand), base64. */
export function anchoredCheckpoint(signer: CheckpointSigner, leaves: readonly Buffer[], from: number, size: number): { note: string; consistency: string[] } {
  const note = signer.signCheckpoint(size, treeHash(leaves, 0, size));
  const consistency = consistencyRanges(from, size).map(([start, end]) => treeHash(leaves, start, end).toString('base64'));
  return { note, consistency };
}

/** The tags of transparency-log.md §5 for a checkpoint note. */
export function checkpointTags(note: string): Tag[] {
  const [origin = '', size = '', root = ''] = note.split('\n');
  return Object.entries({
    'Content-Type': 'text/plain; charset=utf-8',
    'App-Name': 'chain-publisher',
    'App-Version': '0.1.0',
    Type: 'checkpoint',
    'Log-Origin': origin,
    'Tree-Size': size,
    'Root-Hash': root,
  }).map(([name, value]) => ({ name, value }));
}

/** The pushes of a BSV checkpoint output: "chainpub", the version byte, the note's bytes. */
export function checkpointPushes(note: string, version = 0x02): number[][] {
  return [[...Buffer.from('chainpub')], [version], [...Buffer.from(note, 'utf8')]];
}

/** A mined BSV transaction (built and signed with @bsv/sdk) whose output 1 carries `pushes`. */
export async function bsvCheckpointAnchor(pushes: number[][]): Promise<BsvAnchor> {
  return bsvAnchorOf(await batchTransaction([pushes]), 1, 3, 6).anchor;
}

/** A bundle-mode item made and signed by arbundles whose data is `data`. */
export function arweaveCheckpointAnchor(signer: Signer, data: string, tags: Tag[]): Promise<ArweaveAnchor> {
  return arweaveAnchorOf(signer, data, tags);
}

/** An l1-mode anchor: a layer-1 transaction signed by arweave-js with the fixtures' wallet, and its data. */
export async function layer1CheckpointAnchor(data: string, tags: Tag[]): Promise<Anchor> {
  const bytes = Buffer.from(data, 'utf8');
  const tx = await layer1TxOf(fixtureWallet(), bytes, tags);
  return { chain: 'arweave', network: 'devnet', id: String(tx['id']), tx, data: bytes.toString('base64url'), blockHash: 'b'.repeat(64), blockHeight: 1_234_570, confirmations: 12 };
}

export interface AnchoredProof {
  readonly proof: ProofBundle;
  readonly tree: FixtureTree;
  readonly note: string;
  readonly consistency: string[];
  readonly anchors: Anchor[];
}

/** The checkpoint anchors a node would publish for a note: on BSV, and an Ed25519 item (`ed25519`) in a bundle. */
export async function checkpointAnchorsOf(note: string, ed25519: Signer): Promise<Anchor[]> {
  return [await bsvCheckpointAnchor(checkpointPushes(note)), await arweaveCheckpointAnchor(ed25519, note, checkpointTags(note))];
}

/**
 * A record's proof whose log is anchored: its receipt is entry `index` of the fixtures' log at
 * `receiptSize`, the anchored checkpoint is the log at `anchoredSize`, anchored on BSV and Arweave.
 */
export async function anchoredProof(base: ProofFixture, ed25519: Signer, index: number, receiptSize: number, anchoredSize: number): Promise<AnchoredProof> {
  const tree = fixtureTree(fixtureLog, base.record, index, receiptSize, anchoredSize);
  const { note, consistency } = anchoredCheckpoint(fixtureLog, tree.leaves, receiptSize, anchoredSize);
  const anchors = await checkpointAnchorsOf(note, ed25519);
  const proof: ProofBundle = { ...base.proof, receipt: tree.receipt, log: { verifierKey: fixtureLog.verifierKey, anchoredCheckpoint: note, consistency, checkpointAnchors: anchors } };
  return { proof, tree, note, consistency, anchors };
}
