import type { Pool } from 'pg';
import { asStoreError } from '../store/index.ts';
import { decodeKey, invalidKeyRequest, keyNotFound } from './key-errors.ts';
import { KEY_COLUMNS, keyView, type KeyRow, type KeyStatus, type KeyView } from './key-view.ts';

export async function getKey(pool: Pool, scheme: string, publicKey: string): Promise<KeyView> {
  decodeKey(scheme, publicKey);
  const { rows } = await pool.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM keys WHERE scheme = $1 AND public_key = $2`, [scheme, publicKey]).catch((e: unknown) => {
    throw asStoreError(e);
  });
  if (!rows[0]) throw keyNotFound(scheme, publicKey);
  return keyView(rows[0]);
}

export interface KeyPage {
  keys: KeyView[];
  /** Opaque; empty on the last page. */
  nextPageToken: string;
}

/** Keys in registration order, optionally of one status. */
export async function listKeys(pool: Pool, status: KeyStatus | undefined, pageSize: number, pageToken: string): Promise<KeyPage> {
  const decoded = pageToken === '' ? '0' : Buffer.from(pageToken, 'base64url').toString('utf8');
  const after = Number(decoded);
  // Only the token this node issues: the base64url of a key id, spelt back exactly.
  const issued = pageToken === '' || Buffer.from(decoded).toString('base64url') === pageToken;
  if (!issued || !/^(0|[1-9][0-9]{0,17})$/.test(decoded) || !Number.isSafeInteger(after)) throw invalidKeyRequest('page_token', 'not a token this node issued');
  const limit = Math.min(pageSize || 100, 1000);
  const { rows } = await pool
    .query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM keys WHERE id > $1 AND ($2::text IS NULL OR status = $2) ORDER BY id LIMIT $3`, [after, status ?? null, limit + 1])
    .catch((e: unknown) => {
      throw asStoreError(e);
    });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    keys: page.map(keyView),
    nextPageToken: rows.length > limit && last ? Buffer.from(last.id, 'utf8').toString('base64url') : '',
  };
}
