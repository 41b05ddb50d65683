import { describe, expect, it } from 'vitest';
import type { GatewayAnswer } from '../../../adapters/arweave/gateway-client.ts';
import { arioChunkTally, chunkRows, lookupRows, minedFields, postTxRows, refusalRows, statusRows, txRows, verdict, type Row } from '../../../adapters/arweave/verdict-table.ts';

const answer = (status: number, text = ''): GatewayAnswer => ({ kind: 'answer', status, text, bytes: Buffer.from(text) });
const timeout: GatewayAnswer = { kind: 'failure', failure: 'timeout', detail: 'no answer within 10 ms' };
const refused: GatewayAnswer = { kind: 'failure', failure: 'network', detail: 'fetch failed: connect ECONNREFUSED' };
const minedJson = JSON.stringify({ block_height: 12, block_indep_hash: 'h'.repeat(64), number_of_confirmations: 3 });
/** ar.io's answer to a chunk every peer answered `status` (ar-io-node src/routes/chunk/handlers.ts). */
const tally = (status: number): GatewayAnswer =>
  answer(
    status,
    JSON.stringify({
      successCount: 0,
      preferredSuccessCount: 0,
      failureCount: 3,
      results: [1, 2, 3].map((n) => ({ peer: `http://peer-${n}:1984`, success: false, statusCode: status, canceled: false, timedOut: false })),
    }),
  );

const unwell = {
  'no answer within timeoutMs': [timeout],
  'no connection': [refused],
  'HTTP 429': [answer(429, 'Too Many Requests')],
  'HTTP 5xx': [answer(500), answer(503), answer(504, 'Gateway Timeout')],
};

/** Every row of every table, with the answers that must land on it (real gateway and arlocal texts). */
const tables: { name: string; rows: readonly Row<string>[]; examples: Record<string, GatewayAnswer[]> }[] = [
  {
    name: 'POST /tx',
    rows: postTxRows,
    examples: {
      'HTTP 200': [answer(200, 'OK'), answer(200, '{"id":"x"}')],
      'HTTP 208 (already processed)': [answer(208, 'Transaction already processed.')],
      'HTTP 400 already on the weave / in the mempool': [answer(400, 'Transaction is already on the weave.'), answer(400, 'Transaction is already in the mempool.')],
      ...unwell,
      'HTTP 401 / 403': [answer(401), answer(403, 'Forbidden')],
      'any other answer': [answer(400, 'Transaction verification failed.'), answer(404, 'Not Found'), answer(410, '{"code":410,"msg":"You don\'t have enough tokens"}'), answer(413)],
    },
  },
  {
    name: 'GET /tx/{id}/status after a refused post',
    rows: lookupRows,
    examples: {
      'HTTP 200 / 202 (mined or pending)': [answer(202, 'Pending'), answer(200, minedJson)],
      ...unwell,
      'any other answer (404: not mined, not pending)': [answer(404, 'Not Found.'), answer(400, 'Invalid address.')],
    },
  },
  {
    name: 'GET /tx/{id} once the status said 404',
    rows: txRows,
    examples: {
      'HTTP 200 / 202 (the header, or pending)': [answer(202, 'Pending'), answer(200, '{"format":2}')],
      'HTTP 410 overspend / tx_too_cheap': [answer(410, 'overspend'), answer(410, 'tx_too_cheap'), answer(410, 'tx_signature_not_valid overspend')],
      'HTTP 410 (failed verification)': [answer(410, 'tx_signature_not_valid'), answer(410, 'tx_id_not_valid')],
      'any other answer (404, no answer)': [answer(404, 'Not Found.'), answer(503, '{"error":"timeout"}'), timeout],
    },
  },
  {
    name: 'POST /tx refused, transaction not held',
    rows: refusalRows,
    examples: {
      'HTTP 404 (no such route)': [answer(404, 'Not Found')],
      'HTTP 413 (this gateway body limit)': [answer(413, 'Payload too large')],
      'other HTTP 4xx (verification failed, bad anchor, bad JSON)': [
        answer(400, 'Transaction verification failed.'),
        answer(400, 'Invalid anchor (last_tx).'),
        answer(400, 'Invalid JSON.'),
        answer(410, '{"code":410,"msg":"You don\'t have enough tokens"}'),
      ],
      'any other answer': [answer(302), answer(101)],
    },
  },
  {
    name: 'POST /chunk',
    rows: chunkRows,
    examples: {
      'HTTP 200 / 303 (stored, or held for now)': [answer(200, '{}'), answer(200, ''), answer(303)],
      ...unwell,
      'HTTP 4xx with an ar.io tally {successCount, failureCount, results} (peers refused, reason not passed on)': [tally(400), tally(499), tally(413)],
      'HTTP 400 data_root_not_found / disk pool full': [
        answer(400, '{"error":"data_root_not_found"}'),
        answer(400, '{"error":"exceeds_disk_pool_size_limit"}'),
        answer(400, '{"error":"disk_full"}'),
      ],
      'other HTTP 4xx (bad proof, chunk too big)': [answer(400, '{"error":"invalid_proof"}'), answer(400, '{"error":"chunk_too_big"}'), answer(413, 'Payload Too Large')],
      'HTTP 404 (no chunk route here)': [answer(404, 'Not Found')],
      'any other answer': [answer(302)],
    },
  },
  {
    name: 'GET /tx/{id}/status',
    rows: statusRows,
    examples: {
      'HTTP 202 (pending)': [answer(202, 'Pending')],
      'HTTP 200 with block_height, block_indep_hash, number_of_confirmations': [answer(200, minedJson)],
      'HTTP 404': [answer(404, 'Not Found.')],
      ...unwell,
      'HTTP 401 / 403': [answer(401), answer(403)],
      'any other answer': [
        answer(200, 'Pending'),
        answer(200, 'garbage'),
        answer(200, '{"block_height":"12","block_indep_hash":"h","number_of_confirmations":1}'),
        answer(200, JSON.stringify({ block_height: 12, block_indep_hash: 'h'.repeat(64) })),
        answer(400, 'Invalid address.'),
        answer(410, 'overspend'),
      ],
    },
  },
];

describe.each(tables)('verdict table: $name', ({ rows, examples }) => {
  it('has an example for every row, and no example for a row it lacks', () => {
    expect(Object.keys(examples).sort()).toEqual(rows.map((row) => row.rule).sort());
  });

  it.each(rows.map((row) => [row.rule, row.verdict] as const))('%s → %s', (rule, expected) => {
    for (const example of examples[rule] ?? []) {
      expect({ example, ...verdict(rows, example) }).toEqual({ example, rule, verdict: expected });
    }
  });
});

describe('verdicts that decide what the core does', () => {
  it('never lets an answer it cannot read requeue a transaction: only definite refusals are invalid or insufficient_fee', () => {
    expect(verdict(statusRows, answer(200, '<html>')).verdict).toBe('unavailable');
    expect(verdict(statusRows, answer(410, 'tx_signature_not_valid')).verdict).toBe('unavailable');
    expect(verdict(lookupRows, timeout).verdict).toBe('timeout');
    expect(verdict(chunkRows, tally(400)).verdict).toBe('unavailable');
  });

  it('reads the block and the confirmations of a mined status', () => {
    expect(minedFields(answer(200, minedJson))).toEqual({ blockHeight: 12, blockHash: 'h'.repeat(64), confirmations: 3 });
    expect(minedFields(answer(202, minedJson))).toBeUndefined();
  });

  it('tells ar.io\'s chunk tally from a node\'s own answer', () => {
    expect(arioChunkTally(tally(400))).toEqual({ successCount: 0, failureCount: 3 });
    expect(arioChunkTally(answer(400, '{"error":"data_root_not_found"}'))).toBeUndefined();
    expect(arioChunkTally(answer(400, 'Bad Request'))).toBeUndefined();
  });
});
