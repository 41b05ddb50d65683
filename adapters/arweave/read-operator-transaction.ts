import { createHash } from 'node:crypto';
import { generateTransactionChunks } from 'arweave/node/lib/merkle.js';
import type { AdapterContext } from './adapter-context.ts';
import { describeAnswer } from './gateway-client.ts';
import type { TransactionHeader } from './raw-transaction.ts';

export type ReadBack =
  | { kind: 'read'; header: TransactionHeader; data: Uint8Array }
  /** The gateway has no layer-1 transaction of that id (a 404: an item, or not on chain). */
  | { kind: 'absent' }
  | { kind: 'unread'; why: string };

const FIELDS = ['id', 'last_tx', 'owner', 'target', 'quantity', 'data_size', 'data_root', 'reward', 'signature'] as const;

/**
 * A mined layer-1 transaction read back from the gateway as build() made it: its header (`GET
 * /tx/{id}`, signed by the operator wallet over its fields, id = SHA-256 of the signature) in the
 * write-ahead form, and its data (`GET /{id}`), which must hash to the signed data root. A
 * transaction of someone else, or one whose data the gateway does not serve, is not read.
 */
export async function readOperatorTransaction(ctx: AdapterContext, txid: string): Promise<ReadBack> {
  const { gateway, wallet } = ctx;
  const headerAnswer = await gateway.get(`/tx/${txid}`);
  if (headerAnswer.kind === 'answer' && headerAnswer.status === 404) return { kind: 'absent' };
  if (headerAnswer.kind !== 'answer' || headerAnswer.status !== 200) return { kind: 'unread', why: `its header is not served: ${describeAnswer(headerAnswer)}` };
  const header = parseHeader(headerAnswer.text);
  if (header === undefined) return { kind: 'unread', why: 'its header is not a format-2 transaction' };
  const signature = Buffer.from(header.signature, 'base64url');
  const tx = ctx.arweave.transactions.fromRaw({ ...header });
  const ours = header.id === txid && header.owner === wallet.owner && createHash('sha256').update(signature).digest('base64url') === txid && wallet.verify(await tx.getSignatureData(), signature);
  if (!ours) return { kind: 'unread', why: 'the operator wallet did not sign the header the gateway serves' };

  const dataAnswer = await gateway.get(`/${txid}`, { binary: true });
  if (dataAnswer.kind !== 'answer' || dataAnswer.status !== 200) return { kind: 'unread', why: `its data is not served: ${describeAnswer(dataAnswer)}` };
  const data = dataAnswer.bytes;
  const root = Buffer.from((await generateTransactionChunks(data)).data_root).toString('base64url');
  if (String(data.length) !== header.data_size || root !== header.data_root) return { kind: 'unread', why: `the gateway serves ${data.length} bytes that do not hash to the signed data root` };
  return { kind: 'read', header, data };
}

/** The gateway's `/tx/{id}` JSON as the header signLayer1 returns (same fields, same order). */
function parseHeader(text: string): TransactionHeader | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (Number(v['format']) !== 2 || !Array.isArray(v['tags'])) return undefined;
  const fields: Record<string, string> = {};
  for (const key of FIELDS) {
    const field = v[key] ?? '';
    if (typeof field !== 'string' && typeof field !== 'number') return undefined;
    fields[key] = String(field);
  }
  const tags = (v['tags'] as unknown[]).flatMap((tag) => {
    const t = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<string, unknown>;
    return typeof t['name'] === 'string' && typeof t['value'] === 'string' ? [{ name: t['name'], value: t['value'] }] : [];
  });
  if (tags.length !== v['tags'].length) return undefined;
  const f = fields as Record<(typeof FIELDS)[number], string>;
  return {
    format: 2,
    id: f.id,
    last_tx: f.last_tx,
    owner: f.owner,
    tags,
    target: f.target,
    quantity: f.quantity,
    data: '',
    data_size: f.data_size,
    data_root: f.data_root,
    reward: f.reward,
    signature: f.signature,
  };
}
