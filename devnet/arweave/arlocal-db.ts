import { randomBytes } from 'node:crypto';
import { ArweaveDevnetError } from './errors.ts';
import type { ArlocalInstance } from './load-arlocal.ts';

type Db = ArlocalInstance['connection'];

/**
 * arlocal takes the tip after a restart from the block with the latest `created_at`, a timestamp
 * with one-second resolution: after blocks mined within one second it picks an older block.
 */
export async function restoreTip(arlocal: ArlocalInstance): Promise<void> {
  const rows = (await arlocal.connection.raw('SELECT id, height FROM blocks ORDER BY height DESC LIMIT 1')) as { id: string; height: number }[];
  const tip = rows[0];
  if (!tip) return;
  const network = arlocal.getNetwork();
  network.current = tip.id;
  network.height = tip.height;
  network.blocks = tip.height + 1;
}

export interface TransactionCounts {
  all: number;
  pending: number;
}

export async function transactionCounts(db: Db): Promise<TransactionCounts> {
  const rows = (await db.raw("SELECT count(*) AS n, coalesce(sum(block = ''), 0) AS p FROM transactions")) as { n: number; p: number }[];
  return { all: rows[0]?.n ?? 0, pending: rows[0]?.p ?? 0 };
}

export interface ArweaveReorgOptions {
  /** Transactions (layer-1 ids) that vanish with the replaced blocks instead of going back to pending, their bundled items with them. */
  drop?: readonly string[];
}

/**
 * Replaces the last `depth` blocks with `depth + 1` empty ones, as a longer competing chain would:
 * their transactions go back to pending (the next mine takes them again), except `drop`, which are
 * forgotten. arlocal has no reorg of its own; this edits its tables and its in-memory tip.
 */
export async function reorgChain(arlocal: ArlocalInstance, depth: number, options: ArweaveReorgOptions = {}): Promise<{ height: number; replaced: string[] }> {
  const db = arlocal.connection;
  const network = arlocal.getNetwork();
  if (!Number.isInteger(depth) || depth < 1 || depth > network.height - 1) {
    throw new ArweaveDevnetError(`arweave-devnet: reorg depth must be a whole number from 1 to ${network.height - 1} (blocks 0 and 1 stay), got ${depth}`);
  }
  const fork = network.height - depth;
  const replaced = ((await db.raw('SELECT id FROM blocks WHERE height > ?', [fork])) as { id: string }[]).map((b) => b.id);
  const drop = [...(options.drop ?? [])];
  if (drop.length > 0) {
    const found = (await db.raw(`SELECT id, block FROM transactions WHERE id IN (${drop.map(() => '?').join(',')})`, drop)) as { id: string; block: string }[];
    const droppable = new Set(found.filter((t) => t.block === '' || replaced.includes(t.block)).map((t) => t.id));
    const refused = drop.filter((id) => !droppable.has(id));
    if (refused.length > 0) throw new ArweaveDevnetError(`arweave-devnet: cannot drop ${refused.join(', ')}: only pending transactions or those of the replaced blocks can be dropped`);
    const marks = drop.map(() => '?').join(',');
    await db.raw(`DELETE FROM tags WHERE tx_id IN (SELECT id FROM transactions WHERE id IN (${marks}) OR bundledIn IN (${marks}))`, [...drop, ...drop]);
    await db.raw(`DELETE FROM transactions WHERE id IN (${marks}) OR bundledIn IN (${marks})`, [...drop, ...drop]);
  }
  if (replaced.length > 0) {
    const marks = replaced.map(() => '?').join(',');
    await db.raw(`UPDATE transactions SET block = '' WHERE block IN (${marks})`, replaced);
    await db.raw(`DELETE FROM blocks WHERE id IN (${marks})`, replaced);
  }
  let previous = ((await db.raw('SELECT id FROM blocks WHERE height = ?', [fork])) as { id: string }[])[0]?.id ?? '';
  for (let height = fork + 1; height <= fork + depth + 1; height++) {
    const id = randomBytes(48).toString('base64url');
    await db.raw("INSERT INTO blocks (id, height, mined_at, previous_block, txs, extended) VALUES (?, ?, ?, ?, '[]', '')", [id, height, Date.now(), previous]);
    previous = id;
  }
  network.current = previous;
  network.height = fork + depth + 1;
  network.blocks = network.height + 1;
  return { height: network.height, replaced };
}
