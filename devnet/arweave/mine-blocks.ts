import type { Logger } from 'pino';
import { transactionCounts } from './arlocal-db.ts';
import type { GatewayCalls } from './gateway-calls.ts';
import type { ArlocalInstance } from './load-arlocal.ts';

const QUIET_MS = 100;
const SETTLE_MAX_MS = 5_000;
const STALL_MS = 3_000;

/**
 * Mines through arlocal's `/mine` route, working around one of its races. A bundle uploaded in
 * chunks (over 256 KiB) is unbundled twice: in the background once its last chunk arrives, and
 * again by the mine route. When the two overlap, the mine route fails on a duplicate item before
 * writing any block. So: wait while the background pass is still inserting items, then mine, and
 * retry a failed mine for as long as items keep arriving.
 */
export async function mineBlocks(calls: GatewayCalls, db: ArlocalInstance['connection'], blocks: number, log: Logger): Promise<number> {
  let counts = await transactionCounts(db);
  if (counts.pending > 0) {
    for (const deadline = Date.now() + SETTLE_MAX_MS; Date.now() < deadline; ) {
      await sleep(QUIET_MS);
      const now = await transactionCounts(db);
      if (now.all === counts.all) break;
      counts = now;
    }
  }
  let progressAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await calls.mine(blocks);
    } catch (error) {
      const now = await transactionCounts(db);
      if (now.all !== counts.all) progressAt = Date.now();
      else if (Date.now() - progressAt > STALL_MS) throw error;
      counts = now;
      log.debug({ attempt }, 'arweave-devnet: mining failed while a bundle is being unbundled; retrying');
      await sleep(QUIET_MS);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
