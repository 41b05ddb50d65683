import type { TxStatus } from './arc-status.ts';
import type { TxRecord } from './chain-state.ts';
import { merklePathOf } from './merkle.ts';

/** What ARC tells about a transaction, in responses and callbacks alike. */
export interface TxView {
  txid: string;
  txStatus: TxStatus;
  blockHash: string;
  blockHeight: number;
  /** BRC-74 BUMP hex; empty until mined. */
  merklePath: string;
  extraInfo: string;
  competingTxs: string[];
}

export type ViewSource = Pick<TxRecord, 'txid' | 'status' | 'extraInfo' | 'competingTxs'> & Partial<Pick<TxRecord, 'block'>>;

/** A stale inclusion keeps the stale block's data, as ARC reports MINED_IN_STALE_BLOCK. */
export function txView(rec: ViewSource, reported: TxStatus = rec.status): TxView {
  const mined = (reported === 'MINED' || reported === 'MINED_IN_STALE_BLOCK') && rec.block ? rec.block : undefined;
  return {
    txid: rec.txid,
    txStatus: reported,
    blockHash: mined?.block.hash ?? '',
    blockHeight: mined?.block.height ?? 0,
    merklePath: mined ? merklePathOf(mined.block.levels, mined.index, mined.block.height).toHex() : '',
    extraInfo: rec.extraInfo,
    competingTxs: rec.competingTxs,
  };
}
