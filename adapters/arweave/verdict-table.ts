import type { RejectReason } from '../../core/adapter/index.ts';
import type { GatewayAnswer } from './gateway-client.ts';

/**
 * How the adapter reads every gateway answer that decides a transaction's fate, one table per
 * endpoint, rows tried in order, the first match wins. The principle: only a definite refusal of
 * the transaction by the chain (`invalid`, `insufficient_fee`) lets the core requeue its records;
 * an answer we cannot read, or no answer, is retried with the same bytes, because the transaction
 * may be fine and requeueing it could publish its records twice.
 */
export interface Row<V> {
  rule: string;
  matches(answer: GatewayAnswer): boolean;
  verdict: V;
}

const status = (...codes: number[]) => (a: GatewayAnswer) => a.kind === 'answer' && codes.includes(a.status);
const serverError = (a: GatewayAnswer) => a.kind === 'answer' && a.status >= 500;
const clientError = (a: GatewayAnswer) => a.kind === 'answer' && a.status >= 400 && a.status < 500;
const failed = (failure: 'timeout' | 'network') => (a: GatewayAnswer) => a.kind === 'failure' && a.failure === failure;
const says = (code: number, pattern: RegExp) => (a: GatewayAnswer) => a.kind === 'answer' && a.status === code && pattern.test(a.text);
const any = () => true;
// A node keeps why a transaction failed verification (ar_tx_db, 30 minutes) and answers it as 410
// on `GET /tx/{id}`, the error codes separated by spaces; its `/tx/{id}/status` never says 410.
const unpaid = says(410, /\b(overspend|tx_too_cheap)\b/);
// ar.io's answer to a chunk its peers refused: their tally, not their reason (arioChunkTally).
const peersRefused = (a: GatewayAnswer) => clientError(a) && arioChunkTally(a) !== undefined;

/** Transient trouble: the same bytes later. */
const unwell: Row<RejectReason>[] = [
  { rule: 'no answer within timeoutMs', matches: failed('timeout'), verdict: 'timeout' },
  { rule: 'no connection', matches: failed('network'), verdict: 'unavailable' },
  { rule: 'HTTP 429', matches: status(429), verdict: 'rate_limited' },
  { rule: 'HTTP 5xx', matches: serverError, verdict: 'unavailable' },
];

/** `POST /tx` (an ar.io gateway passes it to its trusted nodes). `lookup`: ask the gateway whether it holds the transaction before judging. */
export const postTxRows: Row<'accepted' | 'already_known' | 'lookup' | RejectReason>[] = [
  { rule: 'HTTP 200', matches: status(200), verdict: 'accepted' },
  { rule: 'HTTP 208 (already processed)', matches: status(208), verdict: 'already_known' },
  { rule: 'HTTP 400 already on the weave / in the mempool', matches: says(400, /already (on the weave|in the mempool)/i), verdict: 'already_known' },
  ...unwell,
  { rule: 'HTTP 401 / 403', matches: status(401, 403), verdict: 'unauthorized' },
  { rule: 'any other answer', matches: any, verdict: 'lookup' },
];

/** `/tx/{id}/status` after a refused post. `not_found`: ask `GET /tx/{id}` (txRows). */
export const lookupRows: Row<'already_known' | 'not_found' | RejectReason>[] = [
  { rule: 'HTTP 200 / 202 (mined or pending)', matches: status(200, 202), verdict: 'already_known' },
  ...unwell,
  { rule: 'any other answer (404: not mined, not pending)', matches: any, verdict: 'not_found' },
];

/** `GET /tx/{id}` once the status said 404: the node's 410 says why it refused the transaction. */
export const txRows: Row<'held' | 'not_held' | 'insufficient_fee' | 'invalid'>[] = [
  { rule: 'HTTP 200 / 202 (the header, or pending)', matches: status(200, 202), verdict: 'held' },
  { rule: 'HTTP 410 overspend / tx_too_cheap', matches: unpaid, verdict: 'insufficient_fee' },
  { rule: 'HTTP 410 (failed verification)', matches: status(410), verdict: 'invalid' },
  { rule: 'any other answer (404, no answer)', matches: any, verdict: 'not_held' },
];

/** The refused `POST /tx` of a transaction the gateway does not hold. */
export const refusalRows: Row<RejectReason>[] = [
  { rule: 'HTTP 404 (no such route)', matches: status(404), verdict: 'unavailable' },
  { rule: 'HTTP 413 (this gateway body limit)', matches: status(413), verdict: 'invalid' },
  { rule: 'other HTTP 4xx (verification failed, bad anchor, bad JSON)', matches: clientError, verdict: 'invalid' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

/**
 * `POST /chunk`, one per 256 KiB of a large transaction's data. An ar.io gateway (arweave.net)
 * answers it itself with its peers' tally and their most common status: a chunk posted before the
 * peers have seen its header comes back 400 without `data_root_not_found`. The adapter checked
 * every chunk against the signed data root before sending it, so a refusal by peers means later.
 */
export const chunkRows: Row<'stored' | RejectReason>[] = [
  { rule: 'HTTP 200 / 303 (stored, or held for now)', matches: status(200, 303), verdict: 'stored' },
  ...unwell,
  { rule: 'HTTP 4xx with an ar.io tally {successCount, failureCount, results} (peers refused, reason not passed on)', matches: peersRefused, verdict: 'unavailable' },
  { rule: 'HTTP 400 data_root_not_found / disk pool full', matches: says(400, /data_root_not_found|exceeds_disk_pool_size_limit|disk_full/), verdict: 'unavailable' },
  { rule: 'HTTP 404 (no chunk route here)', matches: status(404), verdict: 'unavailable' },
  { rule: 'other HTTP 4xx (bad proof, chunk too big)', matches: clientError, verdict: 'invalid' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

/**
 * `GET /tx/{id}/status`, which a node answers 200, 202, 400, 404 or 503 only. `mined`: the body
 * is the node's JSON (minedFields). `not_found`: ask `GET /tx/{id}` (txRows).
 */
export const statusRows: Row<'pending' | 'mined' | 'not_found' | RejectReason>[] = [
  { rule: 'HTTP 202 (pending)', matches: status(202), verdict: 'pending' },
  { rule: 'HTTP 200 with block_height, block_indep_hash, number_of_confirmations', matches: (a) => minedFields(a) !== undefined, verdict: 'mined' },
  { rule: 'HTTP 404', matches: status(404), verdict: 'not_found' },
  ...unwell,
  { rule: 'HTTP 401 / 403', matches: status(401, 403), verdict: 'unauthorized' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

export function verdict<V>(rows: readonly Row<V>[], answer: GatewayAnswer): { verdict: V; rule: string } {
  const row = rows.find((r) => r.matches(answer)) ?? rows[rows.length - 1]!;
  return { verdict: row.verdict, rule: row.rule };
}

/** A mined status body: `{ block_height, block_indep_hash, number_of_confirmations }` (handle_get_tx_status). */
export function minedFields(answer: GatewayAnswer): { blockHeight: number; blockHash: string; confirmations: number } | undefined {
  if (answer.kind !== 'answer' || answer.status !== 200) return undefined;
  const body = parseObject(answer.text);
  const height = body?.['block_height'];
  const hash = body?.['block_indep_hash'];
  const confirmations = body?.['number_of_confirmations'];
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!count(height) || !count(confirmations) || typeof hash !== 'string' || hash === '') return undefined;
  return { blockHeight: height, blockHash: hash, confirmations };
}

/**
 * ar.io's answer to `POST /chunk` (ar-io-node src/routes/chunk/handlers.ts, `BroadcastChunkResult`
 * in src/types.d.ts): `{ successCount, failureCount, results: [...] }`, whatever its status.
 */
export function arioChunkTally(answer: GatewayAnswer): { successCount: number; failureCount: number } | undefined {
  if (answer.kind !== 'answer') return undefined;
  const body = parseObject(answer.text);
  const { successCount, failureCount, results } = body ?? {};
  if (typeof successCount !== 'number' || typeof failureCount !== 'number' || !Array.isArray(results)) return undefined;
  return { successCount, failureCount };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
