import { MerklePath } from '@bsv/sdk';
import type { ArcCallback } from './arc-callback-body.ts';

/** Transactions remembered (oldest forgotten first): far more than are ever in flight. */
const REMEMBERED = 50_000;

export interface MinedNews {
  blockHash: string;
  blockHeight: number;
  merklePath: string;
}

/**
 * What ARC's callbacks said of each transaction, newest by ARC's timestamp: a callback older than
 * the last one taken for its transaction is ignored, so a replay or a late delivery changes
 * nothing. A MINED callback is kept with its Merkle path once the path parses and leads from the
 * txid to a root (the status check then holds that root against the block's header); any newer
 * status (MINED_IN_STALE_BLOCK, REJECTED, back to SEEN_ON_NETWORK) forgets it.
 */
export class ArcCallbackBook {
  private readonly last = new Map<string, number>();
  private readonly mined = new Map<string, MinedNews>();

  /** Whether the callback was taken (not older than what is known, and a MINED one with a usable path). */
  take(callback: ArcCallback): boolean {
    const { txid } = callback;
    const last = this.last.get(txid);
    if (last !== undefined && callback.at < last) return false;
    if (callback.txStatus === 'MINED') {
      const news = minedNews(callback);
      if (news === undefined) return false;
      this.mined.set(txid, news);
    } else if (last === undefined || callback.at > last) {
      this.mined.delete(txid);
    }
    this.last.delete(txid);
    this.last.set(txid, callback.at);
    if (this.last.size > REMEMBERED) {
      const oldest = this.last.keys().next().value!;
      this.last.delete(oldest);
      this.mined.delete(oldest);
    }
    return true;
  }

  minedOf(txid: string): MinedNews | undefined {
    return this.mined.get(txid.toLowerCase());
  }

  /** The path did not match the block's header after all: ask ARC instead. */
  forget(txid: string): void {
    this.mined.delete(txid.toLowerCase());
  }
}

function minedNews({ txid, blockHash, blockHeight, merklePath }: ArcCallback): MinedNews | undefined {
  if (blockHash === undefined || blockHeight === undefined || merklePath === undefined) return undefined;
  try {
    const path = MerklePath.fromHex(merklePath);
    if (path.blockHeight !== blockHeight) return undefined;
    path.computeRoot(txid); // throws when the path does not hold the txid
  } catch {
    return undefined;
  }
  return { blockHash, blockHeight, merklePath };
}
