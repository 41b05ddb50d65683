import { createHash } from 'node:crypto';
import type { AdapterContext } from './adapter-context.ts';
import type { TransactionHeader } from './raw-transaction.ts';

const FIELDS = ['id', 'last_tx', 'owner', 'target', 'quantity', 'data_size', 'data_root', 'reward', 'signature'] as const;

/**
 * Whether a header the gateway serves is the operator's transaction `txid`: its id, its owner the
 * wallet, the id SHA-256 of the signature, and the signature the wallet's over the header's fields
 * (data root included).
 */
export async function signedByOperator(ctx: AdapterContext, header: TransactionHeader, txid: string): Promise<boolean> {
  const signature = Buffer.from(header.signature, 'base64url');
  const tx = ctx.arweave.transactions.fromRaw({ ...header, data: '' });
  return (
    header.id === txid &&
    header.owner === ctx.wallet.owner &&
    createHash('sha256').update(signature).digest('base64url') === txid &&
    ctx.wallet.verify(await tx.getSignatureData(), signature)
  );
}

/** The gateway's `/tx/{id}` JSON as the header signLayer1 returns (same fields, same order; numbers a gateway may send as numbers turned back into strings), or undefined. */
export function parseGatewayHeader(text: string): TransactionHeader | undefined {
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
