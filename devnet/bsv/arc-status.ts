/**
 * ARC's transaction statuses with their numeric order (metamorph_api.proto): a status "reaches" another
 * when its number is at least as high, which is how ARC decides X-WaitFor and which callbacks to send.
 */
export const TX_STATUS = {
  UNKNOWN: 0,
  QUEUED: 10,
  RECEIVED: 20,
  STORED: 30,
  ANNOUNCED_TO_NETWORK: 40,
  REQUESTED_BY_NETWORK: 50,
  SENT_TO_NETWORK: 60,
  ACCEPTED_BY_NETWORK: 70,
  SEEN_IN_ORPHAN_MEMPOOL: 80,
  SEEN_ON_NETWORK: 90,
  DOUBLE_SPEND_ATTEMPTED: 100,
  REJECTED: 110,
  MINED_IN_STALE_BLOCK: 115,
  MINED: 120,
} as const;

export type TxStatus = keyof typeof TX_STATUS;

export function isTxStatus(name: string): name is TxStatus {
  return Object.hasOwn(TX_STATUS, name);
}

export function reaches(status: TxStatus, target: TxStatus): boolean {
  return TX_STATUS[status] >= TX_STATUS[target];
}
