import type { Pool } from 'pg';
import { appendAuditEvents, type CheckpointSigner } from '../audit/index.ts';
import { sha256 } from '../canonical/index.ts';
import { PG_INT_MAX, checkInteger, checkText } from '../errors/index.ts';
import { schemes, type Network } from '../schemes/index.ts';
import { withTransaction } from '../store/index.ts';
import { decodeKey, keyExists } from './key-errors.ts';
import { KEY_COLUMNS, keyView, type KeyRow, type KeyView, type Quota } from './key-view.ts';

export interface RegisterKeyInput {
  scheme: string;
  publicKey: string;
  label: string;
  quota: Quota | null;
}

const MAX_LABEL = 200;

/** Adds a creator key to the registry (log: key.registered; the free-text label as its SHA-256, the log being public). */
export async function registerKey(pool: Pool, input: RegisterKeyInput, network: Network, actor: string, signer: CheckpointSigner): Promise<KeyView> {
  const bytes = decodeKey(input.scheme, input.publicKey);
  checkText('label', input.label, MAX_LABEL);
  const quota = checkQuota(input.quota ?? {});
  const address = schemes.get(input.scheme)!.address(bytes, network);
  return withTransaction(pool, async (client) => {
    const inserted = await client.query<KeyRow>(
      `INSERT INTO keys (scheme, public_key, address, label, quota_records_per_day, quota_bytes_per_day, quota_requests_per_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scheme, public_key) DO NOTHING RETURNING ${KEY_COLUMNS}`,
      [input.scheme, input.publicKey, address, input.label, quota.recordsPerDay || null, quota.bytesPerDay || null, quota.requestsPerMinute || null],
    );
    const row = inserted.rows[0];
    if (!row) {
      const existing = await client.query<{ status: string }>('SELECT status FROM keys WHERE scheme = $1 AND public_key = $2', [input.scheme, input.publicKey]);
      throw keyExists(input.scheme, input.publicKey, existing.rows[0]?.status ?? 'active');
    }
    const key = keyView(row);
    await appendAuditEvents(client, signer, [
      {
        kind: 'key.registered',
        actor,
        subject: `${key.scheme}:${key.publicKey}`,
        data: { address: key.address, labelSha256: Buffer.from(sha256(key.label)).toString('hex'), quota: { ...key.quota } },
      },
    ]);
    return key;
  });
}

/** Each limit fits its column (int, bigint) and, for bytes, a JavaScript number exactly; 0 means none. */
function checkQuota(quota: Quota): Quota {
  if (quota.recordsPerDay !== undefined) checkInteger('quota.records_per_day', quota.recordsPerDay, 0, PG_INT_MAX);
  if (quota.bytesPerDay !== undefined) checkInteger('quota.bytes_per_day', quota.bytesPerDay, 0, Number.MAX_SAFE_INTEGER);
  if (quota.requestsPerMinute !== undefined) checkInteger('quota.requests_per_minute', quota.requestsPerMinute, 0, PG_INT_MAX);
  return quota;
}
