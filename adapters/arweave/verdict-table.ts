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
// Arweave nodes keep why a transaction failed verification and answer it as 410 on its status.
const unpaid = says(410, /\b(overspend|tx_too_cheap)\b/);

/** Transient trouble: the same bytes later. */
const unwell: Row<RejectReason>[] = [
  { rule: 'no answer within timeoutMs', matches: failed('timeout'), verdict: 'timeout' },
  { rule: 'no connection', matches: failed('network'), verdict: 'unavailable' },
  { rule: 'HTTP 429', matches: status(429), verdict: 'rate_limited' },
  { rule: 'HTTP 5xx', matches: serverError, verdict: 'unavailable' },
];

/** `POST /tx`. `lookup`: ask `/tx/{id}/status` before judging (arlocal answers a duplicate 404 or 410). */
export const postTxRows: Row<'accepted' | 'already_known' | 'lookup' | RejectReason>[] = [
  { rule: 'HTTP 200', matches: status(200), verdict: 'accepted' },
  { rule: 'HTTP 208 (already processed)', matches: status(208), verdict: 'already_known' },
  { rule: 'HTTP 400 already on the weave / in the mempool', matches: says(400, /already (on the weave|in the mempool)/i), verdict: 'already_known' },
  ...unwell,
  { rule: 'HTTP 401 / 403', matches: status(401, 403), verdict: 'unauthorized' },
  { rule: 'any other answer', matches: any, verdict: 'lookup' },
];

/** `/tx/{id}/status` after a refused post: does the gateway hold the transaction after all? */
export const lookupRows: Row<'already_known' | 'refused' | RejectReason>[] = [
  { rule: 'HTTP 200 / 202 (pending or mined)', matches: status(200, 202), verdict: 'already_known' },
  { rule: 'HTTP 410 overspend / tx_too_cheap', matches: unpaid, verdict: 'insufficient_fee' },
  { rule: 'HTTP 410 (failed verification)', matches: status(410), verdict: 'invalid' },
  ...unwell,
  { rule: 'any other answer (404: not held)', matches: any, verdict: 'refused' },
];

/** The refused `POST /tx` of a transaction the gateway does not hold. */
export const refusalRows: Row<RejectReason>[] = [
  { rule: 'HTTP 410 (arlocal: not enough tokens)', matches: status(410), verdict: 'insufficient_fee' },
  { rule: 'HTTP 404 (no such route, or arlocal failed inside)', matches: status(404), verdict: 'unavailable' },
  { rule: 'HTTP 413 (this gateway body limit)', matches: status(413), verdict: 'invalid' },
  { rule: 'other HTTP 4xx (verification failed, bad anchor, bad JSON)', matches: clientError, verdict: 'invalid' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

/** `POST /chunk`, one per 256 KiB of a large transaction's data. */
export const chunkRows: Row<'stored' | RejectReason>[] = [
  { rule: 'HTTP 200 / 303 (stored, or held for now)', matches: status(200, 303), verdict: 'stored' },
  ...unwell,
  { rule: 'HTTP 400 data_root_not_found / disk pool full', matches: says(400, /data_root_not_found|exceeds_disk_pool_size_limit|disk_full/), verdict: 'unavailable' },
  { rule: 'HTTP 404 (no chunk route here)', matches: status(404), verdict: 'unavailable' },
  { rule: 'other HTTP 4xx (bad proof, chunk too big)', matches: clientError, verdict: 'invalid' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

/** `GET /tx/{id}/status`. `mined`: the body is JSON with the block (see minedFields). */
export const statusRows: Row<'pending' | 'mined' | 'unknown' | RejectReason>[] = [
  { rule: 'HTTP 202 (pending)', matches: status(202), verdict: 'pending' },
  { rule: 'HTTP 200 "Pending" (arlocal)', matches: says(200, /^\s*Pending\s*$/), verdict: 'pending' },
  { rule: 'HTTP 200 with block_height and block_indep_hash', matches: (a) => minedFields(a) !== undefined, verdict: 'mined' },
  { rule: 'HTTP 404', matches: status(404), verdict: 'unknown' },
  { rule: 'HTTP 410 overspend / tx_too_cheap', matches: unpaid, verdict: 'insufficient_fee' },
  { rule: 'HTTP 410 (failed verification)', matches: status(410), verdict: 'invalid' },
  ...unwell,
  { rule: 'HTTP 401 / 403', matches: status(401, 403), verdict: 'unauthorized' },
  { rule: 'any other answer', matches: any, verdict: 'unavailable' },
];

export function verdict<V>(rows: readonly Row<V>[], answer: GatewayAnswer): { verdict: V; rule: string } {
  const row = rows.find((r) => r.matches(answer)) ?? rows[rows.length - 1]!;
  return { verdict: row.verdict, rule: row.rule };
}

/** A mined status body: `{ block_height, block_indep_hash, number_of_confirmations }`. */
export function minedFields(answer: GatewayAnswer): { blockHeight: number; blockHash: string } | undefined {
  if (answer.kind !== 'answer' || answer.status !== 200) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return undefined;
  }
  const { block_height: height, block_indep_hash: hash } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0 || typeof hash !== 'string' || hash === '') return undefined;
  return { blockHeight: height, blockHash: hash };
}
