import type { Pool } from 'pg';
import { TILE_HEIGHT } from './grow-tree.ts';
import { EMPTY_ROOT, hashChildren, hashLeaf } from './log-hashing.ts';
import { signedBy, type CheckpointSigner } from './log-key.ts';
import { readLatestCheckpoint, readLogEntries } from './read-log-entries.ts';

export interface LogVerification {
  intact: boolean;
  /** Entries read and rehashed. */
  checked: number;
  /** The first entry found wrong; -1 when none is (the fault may be the checkpoint or a tile hash). */
  firstBrokenIndex: number;
  /** The latest signed checkpoint's size and its note; the root recomputed from the entries. */
  size: number;
  checkpoint: string;
  rootHash: Buffer;
  detail: string;
}

const PAGE = 5_000;

/**
 * The full log check (AuditService.VerifyChain): every entry read and its leaf hash recomputed
 * (and compared with the stored one, which the tiles serve), its `index` field checked, every
 * stored tile hash compared with the subtree recomputed from the entries, and the root of all of
 * them compared with the latest signed checkpoint, whose signature must verify under this node's
 * log key. An edit, deletion or insertion behind the node's back breaks the root; rewriting the
 * checkpoint needs the log key, and anyone holding an earlier checkpoint (a receipt, an anchor
 * on chain) proves the rewrite with a consistency proof.
 */
export async function verifyLog(pool: Pool, signer: CheckpointSigner): Promise<LogVerification> {
  const latest = await readLatestCheckpoint(pool);
  const result = (fields: Partial<LogVerification>): LogVerification => ({
    intact: false,
    checked: 0,
    firstBrokenIndex: -1,
    size: latest?.size ?? 0,
    checkpoint: latest?.note ?? '',
    rootHash: EMPTY_ROOT,
    detail: '',
    ...fields,
  });
  if (!latest) return result({ detail: 'the log has no checkpoint: it was never started' });
  if (!signedBy(latest.note, signer)) return result({ detail: `the latest checkpoint (size ${latest.size}) is not signed by this node's log key for ${signer.origin}` });
  const storedTiles = await readTileHashes(pool);
  // Perfect subtrees of the leaves so far, largest first: the binary decomposition of the size.
  const stack: { level: number; hash: Buffer }[] = [];
  let checked = 0;
  for (;;) {
    const page = await readLogEntries(pool, checked, PAGE);
    if (page.length === 0) break;
    for (const stored of page) {
      const broken = (detail: string) => result({ checked, firstBrokenIndex: checked, detail });
      if (stored.index !== checked) return broken(`entry ${checked} is missing (next stored is ${stored.index})`);
      const leaf = hashLeaf(stored.entry);
      if (!leaf.equals(stored.leafHash)) return broken(`entry ${checked} was altered: its bytes do not match its stored leaf hash`);
      if (indexField(stored.entry) !== checked) return broken(`entry ${checked} names another index`);
      stack.push({ level: 0, hash: leaf });
      checked += 1;
      while (stack.length >= 2 && stack[stack.length - 1]!.level === stack[stack.length - 2]!.level) {
        const right = stack.pop()!;
        const left = stack.pop()!;
        const merged = { level: left.level + 1, hash: hashChildren(left.hash, right.hash) };
        stack.push(merged);
        if (merged.level % TILE_HEIGHT === 0) {
          const key = `${merged.level / TILE_HEIGHT}/${checked / 2 ** merged.level - 1}`;
          if (!storedTiles.get(key)?.equals(merged.hash)) return broken(`the stored tile hash ${key} does not match the entries under it`);
          storedTiles.delete(key);
        }
      }
    }
  }
  let root = stack.length === 0 ? EMPTY_ROOT : stack[stack.length - 1]!.hash;
  for (let i = stack.length - 2; i >= 0; i -= 1) root = hashChildren(stack[i]!.hash, root);
  const end = (fields: Partial<LogVerification>) => result({ checked, rootHash: root, ...fields });
  if (checked !== latest.size) return end({ firstBrokenIndex: Math.min(checked, latest.size), detail: `the log holds ${checked} entries but its latest checkpoint has size ${latest.size}` });
  if (storedTiles.size > 0) return end({ detail: `tile hashes stored beyond the entries: ${[...storedTiles.keys()].slice(0, 3).join(', ')}` });
  if (rootOf(latest.note) !== root.toString('base64')) return end({ detail: `the root of the ${checked} entries is not the root of the latest checkpoint` });
  // Records name their entry: one past the end means entries were removed with their checkpoints.
  const referenced = await pool.query<{ idx: string | null }>('SELECT max(log_index) AS idx FROM records');
  const highest = referenced.rows[0]?.idx;
  if (highest !== null && highest !== undefined && Number(highest) >= checked) return end({ firstBrokenIndex: checked, detail: `the log ends at entry ${checked - 1} but a record references entry ${highest}` });
  return end({ intact: true });
}

async function readTileHashes(pool: Pool): Promise<Map<string, Buffer>> {
  const { rows } = await pool.query<{ level: number; idx: string; hash: Buffer }>('SELECT level, idx, hash FROM log_hashes');
  return new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
}

function indexField(entry: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(entry.toString('utf8')) as { index?: unknown };
    return typeof parsed.index === 'number' ? parsed.index : undefined;
  } catch {
    return undefined;
  }
}

/** The third line of a checkpoint: its base64 root hash. */
const rootOf = (note: string): string | undefined => note.split('\n')[2];
