/**
 * ARC's callback as its callbacker sends it (bitcoin-sv/arc internal/callbacker/callbacker.go
 * `Callback`, arc.yaml `TransactionStatus`): one JSON object, or with X-CallbackBatch a
 * `{count, callbacks: [...]}` (`BatchCallback`).
 */
export interface ArcCallback {
  txid: string;
  txStatus: string;
  /** Milliseconds since the epoch, from the RFC 3339 `timestamp`. */
  at: number;
  blockHash?: string;
  blockHeight?: number;
  /** BRC-74 (BUMP) hex; ARC sends it with MINED. */
  merklePath?: string;
  extraInfo?: string;
  competingTxs?: string[];
}

/** ARC's statuses (metamorph_api.Status names), as callbacks carry them. */
const STATUSES = new Set([
  'UNKNOWN', 'QUEUED', 'RECEIVED', 'STORED', 'ANNOUNCED_TO_NETWORK', 'REQUESTED_BY_NETWORK', 'SENT_TO_NETWORK', 'ACCEPTED_BY_NETWORK',
  'SEEN_IN_ORPHAN_MEMPOOL', 'SEEN_ON_NETWORK', 'DOUBLE_SPEND_ATTEMPTED', 'REJECTED', 'MINED_IN_STALE_BLOCK', 'MINED',
]);
const HASH = /^[0-9a-fA-F]{64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** ARC's callbacker batches at most 500 (processor.go batchSizeDefault); a little room above it. */
const MAX_BATCH = 1000;

/** The callbacks a body holds, or why it is not ARC's callback body. */
export function parseArcCallbacks(body: Uint8Array): ArcCallback[] | { malformed: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return { malformed: 'the body is not JSON' };
  }
  if (!isObject(json)) return { malformed: 'the body is not a JSON object' };
  if (!('callbacks' in json) && !('count' in json)) {
    const one = parseOne(json);
    return typeof one === 'string' ? { malformed: one } : [one];
  }
  const { count, callbacks = [] } = json;
  if (!Array.isArray(callbacks)) return { malformed: 'callbacks is not an array' };
  if (count !== callbacks.length) return { malformed: `count is ${JSON.stringify(count)} for ${callbacks.length} callbacks` };
  if (callbacks.length > MAX_BATCH) return { malformed: `a batch holds at most ${MAX_BATCH} callbacks, got ${callbacks.length}` };
  const parsed: ArcCallback[] = [];
  for (const [i, item] of callbacks.entries()) {
    const one = isObject(item) ? parseOne(item) : 'not an object';
    if (typeof one === 'string') return { malformed: `callbacks[${i}]: ${one}` };
    parsed.push(one);
  }
  return parsed;
}

function parseOne(o: Record<string, unknown>): ArcCallback | string {
  const { txid, txStatus, timestamp, blockHash, blockHeight, merklePath, extraInfo, competingTxs } = o;
  if (typeof txid !== 'string' || !HASH.test(txid)) return 'txid is not 64 hex digits';
  if (typeof txStatus !== 'string' || !STATUSES.has(txStatus)) return `txStatus ${JSON.stringify(txStatus)} is not one of ARC's statuses`;
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(at)) return 'timestamp is not an RFC 3339 time';
  if (blockHash !== undefined && (typeof blockHash !== 'string' || !HASH.test(blockHash))) return 'blockHash is not 64 hex digits';
  if (blockHeight !== undefined && !(Number.isSafeInteger(blockHeight) && (blockHeight as number) >= 0)) return 'blockHeight is not a whole number ≥ 0';
  if (merklePath !== undefined && (typeof merklePath !== 'string' || !HEX.test(merklePath))) return 'merklePath is not hex';
  if (extraInfo !== undefined && typeof extraInfo !== 'string') return 'extraInfo is not a string';
  if (competingTxs !== undefined && !(Array.isArray(competingTxs) && competingTxs.every((c) => typeof c === 'string' && HASH.test(c)))) return 'competingTxs is not a list of txids';
  return {
    txid: txid.toLowerCase(),
    txStatus,
    at,
    ...(blockHash === undefined ? {} : { blockHash: blockHash.toLowerCase() }),
    ...(blockHeight === undefined ? {} : { blockHeight: blockHeight as number }),
    ...(merklePath === undefined ? {} : { merklePath: merklePath.toLowerCase() }),
    ...(extraInfo === undefined ? {} : { extraInfo }),
    ...(competingTxs === undefined ? {} : { competingTxs: competingTxs as string[] }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
