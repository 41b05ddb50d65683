import { createHash } from 'node:crypto';
import Arweave from 'arweave';
import { parseJson, type TextAnswer } from './front-http.ts';

/**
 * What an Arweave node answers, for the routes an ar.io gateway's envoy sends to its trusted nodes
 * (`POST /tx`, `GET /tx/{id}`, `GET /tx/{id}/status`), rewritten from arlocal's answers. Texts and
 * statuses as ArweaveTeam/arweave apps/arweave/src/ar_http_iface_middleware.erl (at 50e47de6d054)
 * gives them: `handle_post_tx`, `handle_get_tx` with `maybe_tx_is_pending_response`, and
 * `handle_get_tx_status`; header fields as ar_serialize.erl `tx_to_json_struct`; error codes as
 * ar_tx.erl `do_verify_v2` records them in ar_tx_db (kept 30 minutes).
 */
export const NODE = {
  ok: 'OK',
  alreadyProcessed: 'Transaction already processed.',
  onTheWeave: 'Transaction is already on the weave.',
  verificationFailed: 'Transaction verification failed.',
  badAnchor: 'Invalid anchor (last_tx).',
  invalidJson: 'Invalid JSON.',
  pending: 'Pending',
  notFound: 'Not Found.',
} as const;

/**
 * `GET /tx/{id}/status`: the node answers only 200 (mined, JSON), 202 `Pending`, 400, 404 and
 * 503. arlocal answers a pending transaction 200 `Pending` and counts confirmations after the
 * containing block (tip − height); the node counts the containing block as the first (tip −
 * height + 1).
 */
export function nodeStatus(arlocal: TextAnswer): TextAnswer {
  if (arlocal.status === 404) return { status: 404, text: NODE.notFound };
  if (arlocal.status !== 200) return arlocal;
  if (arlocal.text.trim() === 'Pending') return { status: 202, text: NODE.pending };
  const mined = parseJson(arlocal.text);
  const height = mined?.['block_height'];
  const confirmations = mined?.['number_of_confirmations'];
  if (typeof height !== 'number' || typeof confirmations !== 'number') return arlocal;
  return { status: 200, text: JSON.stringify({ block_height: height, block_indep_hash: mined?.['block_indep_hash'], number_of_confirmations: confirmations + 1 }) };
}

const HEADER_FIELDS = ['format', 'id', 'last_tx', 'owner', 'tags', 'target', 'quantity', 'data', 'data_size', 'data_tree', 'data_root', 'reward', 'signature'] as const;

/**
 * `GET /tx/{id}`: 202 `Pending` while in the mempool (arlocal: 200 with its database row), the
 * header in the node's fields once mined (arlocal adds its own columns), 404 `Not Found.`.
 */
export function nodeTx(arlocal: TextAnswer): TextAnswer {
  if (arlocal.status === 404) return { status: 404, text: NODE.notFound };
  const row = arlocal.status === 200 ? parseJson(arlocal.text) : undefined;
  if (!row || typeof row['id'] !== 'string') return arlocal;
  if (row['block'] === '' || row['block'] === null) return { status: 202, text: NODE.pending };
  const header: Record<string, unknown> = { ...row, format: Number(row['format'] ?? 1), data: row['data'] ?? '', data_tree: [] };
  return { status: 200, text: JSON.stringify(Object.fromEntries(HEADER_FIELDS.map((field) => [field, header[field] ?? '']))) };
}

export interface HeaderFacts {
  /** Anchors arlocal accepts: its last 50 blocks and the owner's last transaction. */
  anchors(owner: string): Promise<readonly string[]>;
  /** The owner's balance in winston (0 without a wallet). */
  balance(address: string): Promise<number>;
}

/** What the node says to a header it refuses, and the error codes it keeps for `GET /tx/{id}`. */
export type HeaderRefusal = TextAnswer & { codes?: string[] };

const arweave = Arweave.init({});

/**
 * The node's checks of a posted header (ar_tx_replay_pool, ar_tx:do_verify_v2), those arlocal
 * would also make, done before arlocal sees the header so that the answer is the node's: an
 * anchor outside the last 50 blocks (400, no codes kept), an id that is not the hash of the
 * signature, a signature that does not verify, or a balance short of the fee (400
 * `Transaction verification failed.`, codes kept). arlocal's fee is the larger of the reward and
 * its own price for the data size, which it charges and checks against the balance.
 */
export async function checkHeader(tx: Record<string, unknown>, facts: HeaderFacts): Promise<HeaderRefusal | undefined> {
  const text = (key: string) => (typeof tx[key] === 'string' ? tx[key] : '');
  const lastTx = text('last_tx');
  if (lastTx !== '' && !(await facts.anchors(text('owner'))).includes(lastTx)) return { status: 400, text: NODE.badAnchor };
  const codes: string[] = [];
  if (createHash('sha256').update(Buffer.from(text('signature'), 'base64url')).digest('base64url') !== text('id')) codes.push('tx_id_not_valid');
  let verified = false;
  try {
    verified = await arweave.transactions.verify(arweave.transactions.fromRaw({ ...tx, data: '' } as never));
  } catch {
    verified = false;
  }
  if (!verified) codes.push('tx_signature_not_valid');
  const owner = createHash('sha256').update(Buffer.from(text('owner'), 'base64url')).digest('base64url');
  const fee = Math.max(Number(text('reward')) || 0, Math.round((Number(text('data_size')) / 1000) * 65_595_508) || 0);
  if ((await facts.balance(owner)) < fee) codes.push('overspend');
  return codes.length === 0 ? undefined : { status: 400, text: NODE.verificationFailed, codes };
}
