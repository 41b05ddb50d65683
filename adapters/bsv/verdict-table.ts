import type { RejectReason } from '../../core/adapter/index.ts';

/** What a broadcaster or ARC's status endpoint answered, reduced to what the table reads. */
export type Answer =
  | { transport: 'timeout' | 'network'; detail: string }
  | {
      http: number;
      /** ARC's txStatus (2xx answers). */
      txStatus?: string;
      /** The node's own words: WhatsOnChain's error text, or the extraInfo of ARC's REJECTED. */
      nodeText?: string;
      /** WhatsOnChain answered 2xx with the transaction's own id: its node took it. */
      echoesTxid?: boolean;
      detail: string;
    };

export type BroadcastVerdict = 'accepted' | 'already_known' | RejectReason;
export type StatusVerdict = 'pending' | 'mined' | 'unknown' | RejectReason;

/** Every given condition must hold; a row without conditions matches anything. */
export interface When {
  transport?: 'timeout' | 'network';
  txStatus?: readonly string[];
  nodeText?: RegExp;
  echoesTxid?: true;
  http?: readonly [from: number, to: number];
}

export interface VerdictRow {
  when: When;
  /** What `broadcast` answers. */
  broadcast: BroadcastVerdict;
  /** What `status` answers (`GET /v1/tx/{txid}`). */
  status: StatusVerdict;
}

const ACCEPTED_STATUSES = ['QUEUED', 'RECEIVED', 'STORED', 'ANNOUNCED_TO_NETWORK', 'REQUESTED_BY_NETWORK', 'SENT_TO_NETWORK', 'ACCEPTED_BY_NETWORK', 'SEEN_IN_ORPHAN_MEMPOOL', 'SEEN_ON_NETWORK'];

/**
 * THE mapping of everything ARC and WhatsOnChain answer onto the core's closed outcomes, first
 * matching row wins. Broadcast: any answer saying the network has the transaction is success (ARC
 * cannot tell a resubmission from a first submission unless it is mined). Status: a transaction
 * whose fate is still open (a double-spend race, a stale block) is pending, never rejected.
 */
export const verdictTable: readonly VerdictRow[] = [
  // Our deadline passed: the transaction may have gone through, so the same bytes are sent again.
  { when: { transport: 'timeout' }, broadcast: 'timeout', status: 'timeout' },
  { when: { transport: 'network' }, broadcast: 'unavailable', status: 'unavailable' },
  { when: { txStatus: ['MINED'] }, broadcast: 'already_known', status: 'mined' },
  // Its block left the chain; the core treats a mined transaction turning pending as reorged.
  { when: { txStatus: ['MINED_IN_STALE_BLOCK'] }, broadcast: 'already_known', status: 'pending' },
  { when: { txStatus: ACCEPTED_STATUSES }, broadcast: 'accepted', status: 'pending' },
  // Another transaction spends the same output. ARC answers this to both competitors and either may
  // still be mined: ARC took it, and the status is followed until the race is settled (MINED or REJECTED).
  { when: { txStatus: ['DOUBLE_SPEND_ATTEMPTED'] }, broadcast: 'accepted', status: 'pending' },
  // The node's words, from WhatsOnChain's error text or the reason of ARC's REJECTED.
  { when: { nodeText: /already.known|already in (the )?block ?chain/i }, broadcast: 'already_known', status: 'pending' },
  { when: { nodeText: /double.spend|mempool-conflict/i }, broadcast: 'double_spend', status: 'double_spend' },
  { when: { nodeText: /missing.?inputs|missingorspent/i }, broadcast: 'missing_inputs', status: 'missing_inputs' },
  { when: { nodeText: /insufficient priority|min.?(relay )?fee|fee (is )?too low|insufficient fee/i }, broadcast: 'insufficient_fee', status: 'insufficient_fee' },
  { when: { nodeText: /tx-size|too large|oversize/i }, broadcast: 'too_large', status: 'too_large' },
  { when: { txStatus: ['REJECTED'] }, broadcast: 'invalid', status: 'invalid' },
  // ARC has not taken it (yet): send again; for status, it does not know it.
  { when: { txStatus: ['UNKNOWN'] }, broadcast: 'unavailable', status: 'unknown' },
  { when: { echoesTxid: true, http: [200, 299] }, broadcast: 'accepted', status: 'pending' },
  { when: { http: [401, 401] }, broadcast: 'unauthorized', status: 'unauthorized' },
  { when: { http: [403, 403] }, broadcast: 'unauthorized', status: 'unauthorized' },
  // Broadcast: a wrong URL, nothing judged the transaction. Status: ARC does not know it.
  { when: { http: [404, 404] }, broadcast: 'unavailable', status: 'unknown' },
  // ARC's "generic error", not classified by ARC itself.
  { when: { http: [409, 409] }, broadcast: 'unavailable', status: 'unavailable' },
  { when: { http: [413, 413] }, broadcast: 'too_large', status: 'too_large' },
  { when: { http: [429, 429] }, broadcast: 'rate_limited', status: 'rate_limited' },
  // Not extended format / parent not found.
  { when: { http: [460, 460] }, broadcast: 'missing_inputs', status: 'missing_inputs' },
  // Unlocking scripts, inputs, malformed, outputs.
  { when: { http: [461, 464] }, broadcast: 'invalid', status: 'invalid' },
  { when: { http: [465, 465] }, broadcast: 'insufficient_fee', status: 'insufficient_fee' },
  // Conflicting transaction: the network saw another spend of the same output.
  { when: { http: [466, 466] }, broadcast: 'double_spend', status: 'double_spend' },
  // BEEF and Merkle root validation, frozen inputs.
  { when: { http: [467, 472] }, broadcast: 'invalid', status: 'invalid' },
  // Cumulative fee (a chain of unmined ancestors pays too little).
  { when: { http: [473, 473] }, broadcast: 'insufficient_fee', status: 'insufficient_fee' },
  { when: { http: [474, 474] }, broadcast: 'too_large', status: 'too_large' },
  // Mined ancestor not in the BUMPs.
  { when: { http: [475, 475] }, broadcast: 'invalid', status: 'invalid' },
  // 400 and any other refusal of the request itself.
  { when: { http: [400, 499] }, broadcast: 'invalid', status: 'invalid' },
  { when: { http: [500, 599] }, broadcast: 'unavailable', status: 'unavailable' },
  // Anything else (an unreadable 2xx, a redirect): nothing we can rely on, so ask again later.
  { when: {}, broadcast: 'unavailable', status: 'unavailable' },
];

export function verdictOf(answer: Answer): VerdictRow {
  return verdictTable.find((row) => matches(row.when, answer)) ?? verdictTable[verdictTable.length - 1]!;
}

function matches(when: When, answer: Answer): boolean {
  if ('transport' in answer) return when.transport === answer.transport || Object.keys(when).length === 0;
  if (when.transport !== undefined) return false;
  if (when.txStatus !== undefined && (answer.txStatus === undefined || !when.txStatus.includes(answer.txStatus))) return false;
  if (when.nodeText !== undefined && (answer.nodeText === undefined || !when.nodeText.test(answer.nodeText))) return false;
  if (when.echoesTxid && !answer.echoesTxid) return false;
  if (when.http !== undefined && (answer.http < when.http[0] || answer.http > when.http[1])) return false;
  return true;
}
