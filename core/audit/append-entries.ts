import type { PoolClient } from 'pg';
import { canonicalJson } from '../canonical/index.ts';
import { tlogReceipt } from '../receipts/index.ts';
import { MAX_ENTRY_BYTES, type AuditInput, type EntryFields } from './audit-event.ts';
import { entryTextOfCanonical } from './entry-text.ts';
import { growTree, type Frontier, type Grown } from './grow-tree.ts';
import type { CheckpointSigner } from './log-key.ts';
import { hashLeaf } from './log-hashing.ts';

/** Entries appended together under one checkpoint. */
export interface Appended {
  /** The first entry's index. */
  from: number;
  /** Each entry's bytes, in order, with its leaf hash, kind and subject. */
  entries: Buffer[];
  leafHashes: Buffer[];
  kinds: string[];
  subjects: string[];
  grown: Grown;
  /** The signed checkpoint of the grown tree, stored with the entries. */
  note: string;
}

/** Each input's data canonicalised: done before the lock is taken. */
export function entryDataJsons(inputs: readonly AuditInput[]): string[] {
  return inputs.map((input) => canonicalJson(input.data));
}

/** The entries after `frontier`, the grown tree and its signed checkpoint (nothing is stored). */
export function sequenceEntries(frontier: Frontier, signer: CheckpointSigner, inputs: readonly AuditInput[], dataJsons: readonly string[], at: Date): Appended {
  const from = frontier.size;
  const entries = inputs.map((input, i) => entryBytes({ index: from + i, at, kind: input.kind, actor: input.actor, subject: input.subject, dataJson: dataJsons[i]! }));
  return withTree(frontier, signer, { entries, kinds: inputs.map((i) => i.kind), subjects: inputs.map((i) => i.subject) });
}

/** Entries already made (their text fixed), grown into the tree and signed. */
export function withTree(frontier: Frontier, signer: CheckpointSigner, made: Pick<Appended, 'entries' | 'kinds' | 'subjects'>): Appended {
  const leafHashes = made.entries.map(hashLeaf);
  const grown = growTree(frontier, leafHashes);
  return { ...made, from: frontier.size, leafHashes, grown, note: signer.signCheckpoint(grown.size, grown.root) };
}

export function entryBytes(fields: EntryFields): Buffer {
  const bytes = Buffer.from(entryTextOfCanonical(fields), 'utf8');
  if (bytes.length > MAX_ENTRY_BYTES) throw new RangeError(`log entry ${fields.index} (${fields.kind}) is ${bytes.length} bytes, over ${MAX_ENTRY_BYTES}`);
  return bytes;
}

/** Stores what `sequenceEntries` made, in one statement: the entries, the completed tile hashes and the checkpoint. */
export async function storeAppended(client: PoolClient, appended: Appended): Promise<void> {
  const { entries, grown, from } = appended;
  await client.query(
    `WITH e AS (INSERT INTO log_entries (idx, kind, subject, entry, leaf_hash)
                SELECT $1::bigint + ord - 1, k, s, en, lh FROM unnest($2::text[], $3::text[], $4::bytea[], $5::bytea[]) WITH ORDINALITY AS t(k, s, en, lh, ord)),
          h AS (INSERT INTO log_hashes (level, idx, hash) SELECT * FROM unnest($6::smallint[], $7::bigint[], $8::bytea[]))
     INSERT INTO log_checkpoints (size, root_hash, note) VALUES ($9, $10, $11)`,
    [
      from,
      appended.kinds,
      appended.subjects,
      entries,
      appended.leafHashes,
      grown.tileHashes.map((t) => t.level),
      grown.tileHashes.map((t) => t.idx),
      grown.tileHashes.map((t) => t.hash),
      grown.size,
      grown.root,
      appended.note,
    ],
  );
}

/** Entry `i`'s receipt: its tlog proof against the append's checkpoint (transparency-log.md §3). */
export function receiptOf(appended: Appended, i: number): string {
  return tlogReceipt(appended.entries[i]!, appended.from + i, appended.grown.proofs[i]!, appended.note);
}
