import { describe, expect, it } from 'vitest';
import { verdictOf, verdictTable, type Answer, type BroadcastVerdict, type StatusVerdict } from '../../../adapters/bsv/verdict-table.ts';

const arc = (txStatus: string, extraInfo = ''): Answer => ({ http: 200, txStatus, nodeText: extraInfo, detail: `ARC ${txStatus}` });
const http = (status: number, text = ''): Answer => ({ http: status, ...(text ? { nodeText: text } : {}), detail: `HTTP ${status}` });

/** One or more answers per row of the table, with what broadcast and status make of them. */
const cases: Array<[string, Answer, BroadcastVerdict, StatusVerdict]> = [
  ['our deadline passed', { transport: 'timeout', detail: '' }, 'timeout', 'timeout'],
  ['connection refused', { transport: 'network', detail: '' }, 'unavailable', 'unavailable'],
  ['ARC MINED', arc('MINED'), 'already_known', 'mined'],
  ['ARC MINED (previously double spend attempted)', arc('MINED', 'previously double spend attempted'), 'already_known', 'mined'],
  ['ARC MINED_IN_STALE_BLOCK', arc('MINED_IN_STALE_BLOCK'), 'already_known', 'pending'],
  ...['QUEUED', 'RECEIVED', 'STORED', 'ANNOUNCED_TO_NETWORK', 'REQUESTED_BY_NETWORK', 'SENT_TO_NETWORK', 'ACCEPTED_BY_NETWORK', 'SEEN_IN_ORPHAN_MEMPOOL', 'SEEN_ON_NETWORK'].map(
    (s): [string, Answer, BroadcastVerdict, StatusVerdict] => [`ARC ${s}`, arc(s), 'accepted', 'pending'],
  ),
  ['ARC DOUBLE_SPEND_ATTEMPTED (either competitor may still be mined)', arc('DOUBLE_SPEND_ATTEMPTED'), 'accepted', 'pending'],
  ['WhatsOnChain 257: txn-already-known', http(400, '257: txn-already-known'), 'already_known', 'pending'],
  ['WhatsOnChain: already in block chain', http(400, 'Transaction already in block chain'), 'already_known', 'pending'],
  ['WhatsOnChain 258: txn-mempool-conflict', http(400, '258: txn-mempool-conflict'), 'double_spend', 'double_spend'],
  ['ARC REJECTED double spend attempted', arc('REJECTED', 'double spend attempted'), 'double_spend', 'double_spend'],
  ['WhatsOnChain Missing inputs', http(400, 'Missing inputs'), 'missing_inputs', 'missing_inputs'],
  ['WhatsOnChain 66: insufficient priority', http(400, '66: insufficient priority'), 'insufficient_fee', 'insufficient_fee'],
  ['ARC REJECTED mempool min fee not met', arc('REJECTED', '66: mempool min fee not met'), 'insufficient_fee', 'insufficient_fee'],
  ['WhatsOnChain 64: tx-size', http(400, '64: tx-size'), 'too_large', 'too_large'],
  ['ARC REJECTED for another reason', arc('REJECTED', 'invalid transaction: version'), 'invalid', 'invalid'],
  ['ARC UNKNOWN', arc('UNKNOWN'), 'unavailable', 'unknown'],
  ['WhatsOnChain answers the txid', { http: 200, echoesTxid: true, detail: '' }, 'accepted', 'pending'],
  ['401 without a valid API key', http(401), 'unauthorized', 'unauthorized'],
  ['403', http(403), 'unauthorized', 'unauthorized'],
  ['404: a wrong URL, or a transaction ARC does not know', http(404), 'unavailable', 'unknown'],
  ['409 ARC generic error', http(409), 'unavailable', 'unavailable'],
  ['413 body too large', http(413), 'too_large', 'too_large'],
  ['429 rate limited', http(429), 'rate_limited', 'rate_limited'],
  ['460 not extended format / parent not found', http(460), 'missing_inputs', 'missing_inputs'],
  ...[461, 462, 463, 464].map((code): [string, Answer, BroadcastVerdict, StatusVerdict] => [`${code} invalid scripts, inputs, format or outputs`, http(code), 'invalid', 'invalid']),
  ['465 fee too low', http(465), 'insufficient_fee', 'insufficient_fee'],
  ['466 conflicting transaction', http(466), 'double_spend', 'double_spend'],
  ...[467, 468, 469, 470, 471, 472].map((code): [string, Answer, BroadcastVerdict, StatusVerdict] => [`${code} BEEF, Merkle roots or frozen inputs`, http(code), 'invalid', 'invalid']),
  ['473 cumulative fee too low', http(473), 'insufficient_fee', 'insufficient_fee'],
  ['474 too large', http(474), 'too_large', 'too_large'],
  ['475 mined ancestor not in the BUMPs', http(475), 'invalid', 'invalid'],
  ['400 malformed request', http(400, 'TX decode failed'), 'invalid', 'invalid'],
  ['another 4xx', http(418), 'invalid', 'invalid'],
  ['500', http(500), 'unavailable', 'unavailable'],
  ['503 (text that names nothing known)', http(503, 'Service Unavailable'), 'unavailable', 'unavailable'],
  ['a 2xx without a status', { http: 200, detail: '' }, 'unavailable', 'unavailable'],
  ['a redirect', http(302), 'unavailable', 'unavailable'],
];

describe('bsv adapter: the verdict table maps every answer onto the closed outcomes', () => {
  it.each(cases)('%s', (_name, answer, broadcast, status) => {
    expect(verdictOf(answer)).toMatchObject({ broadcast, status });
  });

  it('has a case above for every row (a row no answer reaches is a mistake)', () => {
    const reached = new Set(cases.map(([, answer]) => verdictTable.indexOf(verdictOf(answer))));
    const missed = verdictTable.map((row, i) => ({ i, row })).filter(({ i }) => !reached.has(i));
    expect(missed).toEqual([]);
  });
});
