import type { Pool } from 'pg';
import { appendAuditEvents, type CheckpointSigner } from '../audit/index.ts';
import { sha256 } from '../canonical/index.ts';
import { checkText } from '../errors/index.ts';
import { withTransaction } from '../store/index.ts';
import { decodeKey, keyNotFound } from './key-errors.ts';
import { KEY_COLUMNS, keyView, type KeyRow, type KeyView } from './key-view.ts';

/**
 * Revokes a key (log: key.revoked; the free-text reason as its SHA-256, the log being public). Intake reads the key FOR SHARE inside its own transaction,
 * so once this commits no intent signed by the key is accepted, on any replica. Revoking a revoked
 * key changes nothing and returns it.
 */
export async function revokeKey(pool: Pool, scheme: string, publicKey: string, reason: string, actor: string, signer: CheckpointSigner): Promise<KeyView> {
  decodeKey(scheme, publicKey);
  checkText('reason', reason, 500);
  return withTransaction(pool, async (client) => {
    const updated = await client.query<KeyRow>(
      `UPDATE keys SET status = 'revoked', revoked_at = now(), revoke_reason = $3
       WHERE scheme = $1 AND public_key = $2 AND status = 'active' RETURNING ${KEY_COLUMNS}`,
      [scheme, publicKey, reason],
    );
    const row = updated.rows[0];
    if (!row) {
      const existing = await client.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM keys WHERE scheme = $1 AND public_key = $2`, [scheme, publicKey]);
      if (!existing.rows[0]) throw keyNotFound(scheme, publicKey);
      return keyView(existing.rows[0]);
    }
    await appendAuditEvents(client, signer, [{ kind: 'key.revoked', actor, subject: `${scheme}:${publicKey}`, data: { reasonSha256: Buffer.from(sha256(reason)).toString('hex') } }]);
    return keyView(row);
  });
}
