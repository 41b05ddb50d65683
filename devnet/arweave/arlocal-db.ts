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
