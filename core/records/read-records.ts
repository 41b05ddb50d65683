import type { Pool } from 'pg';
import { PublisherError, checkText, invalidRequest } from '../errors/index.ts';
import { asStoreError } from '../store/index.ts';
import { readPublications } from './read-publications.ts';
import type { RecordView } from './record-view.ts';

interface RecordRow {
  record_id: string;
  creator: string;
  scheme: string;
  public_key: string;
  targets: string[];
  signed_at: Date;
  accepted_at: Date;
  intent_json: string;
  receipt: string;
}

const COLUMNS = 'record_id, creator, scheme, public_key, targets, signed_at, accepted_at, intent_json, receipt';
const RECORD_ID = /^[0-9a-f]{64}$/;

async function withPublications(pool: Pool, rows: RecordRow[]): Promise<RecordView[]> {
  const publications = await readPublications(pool, rows.map((r) => r.record_id));
  return rows.map((r) => ({
    recordId: r.record_id,
    creator: r.creator,
    scheme: r.scheme,
    publicKey: r.public_key,
    targets: r.targets,
    signedAt: r.signed_at,
    acceptedAt: r.accepted_at,
    intentJson: r.intent_json,
    receipt: r.receipt,
    publications: publications.get(r.record_id) ?? [],
  }));
}

/** Several records at once (absent ids are left out), for watchers. */
export async function getRecords(pool: Pool, recordIds: readonly string[]): Promise<RecordView[]> {
  try {
    const { rows } = await pool.query<RecordRow>(`SELECT ${COLUMNS} FROM records WHERE record_id = ANY($1::char(64)[])`, [recordIds]);
    return await withPublications(pool, rows);
  } catch (error) {
    throw asStoreError(error);
  }
}

export async function getRecord(pool: Pool, recordId: string): Promise<RecordView> {
  if (!RECORD_ID.test(recordId)) throw invalidRequest('record_id', 'must be 64 lowercase hex characters');
  try {
    const { rows } = await pool.query<RecordRow>(`SELECT ${COLUMNS} FROM records WHERE record_id = $1`, [recordId]);
    const [record] = await withPublications(pool, rows);
    if (!record) throw new PublisherError('NOT_FOUND', `no record ${recordId} on this node`, { metadata: { recordId } });
    return record;
  } catch (error) {
    throw asStoreError(error);
  }
}

export interface RecordPage {
  records: RecordView[];
  nextPageToken: string;
}

/** A creator's records, newest first. The page token is the last (accepted_at, record_id) seen. */
export async function listRecords(pool: Pool, creator: string, pageSize: number, pageToken: string): Promise<RecordPage> {
  if (creator === '') throw invalidRequest('creator', 'a creator address is required');
  checkText('creator', creator, 128);
  const cursor = pageToken === '' ? null : readPageToken(pageToken);
  const limit = Math.min(pageSize || 100, 1000);
  try {
    // The page's sizes first, so that a page of large envelopes is cut at MAX_PAGE_BYTES (an
    // unauthenticated reader must not make the node hold a thousand 64 KiB envelopes per call).
    const sized = await pool.query<{ record_id: string; bytes: number }>(
      `SELECT record_id, octet_length(intent_json) + octet_length(receipt) AS bytes FROM records
        WHERE creator = $1 AND ($2::timestamptz IS NULL OR (accepted_at, record_id) < ($2, $3))
        ORDER BY accepted_at DESC, record_id DESC LIMIT $4`,
      [creator, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
    );
    const ids: string[] = [];
    let bytes = 0;
    for (const row of sized.rows.slice(0, limit)) {
      if (ids.length > 0 && bytes + row.bytes > MAX_PAGE_BYTES) break;
      ids.push(row.record_id);
      bytes += row.bytes;
    }
    const { rows } = await pool.query<RecordRow>(`SELECT ${COLUMNS} FROM records WHERE record_id = ANY($1::char(64)[]) ORDER BY accepted_at DESC, record_id DESC`, [ids]);
    const last = rows[rows.length - 1];
    return {
      records: await withPublications(pool, rows),
      nextPageToken: sized.rows.length > ids.length && last ? pageTokenOf(last) : '',
    };
  } catch (error) {
    throw asStoreError(error);
  }
}

/** The most envelope and receipt bytes one ListRecords page carries (it always carries one record). */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function pageTokenOf(row: RecordRow): string {
  return Buffer.from(`${row.accepted_at.toISOString()}|${row.record_id}`).toString('base64url');
}

/**
 * Only a token this node issues: unpadded base64url of `<ISO 8601 UTC, milliseconds>|<record id>`,
 * the instant as toISOString writes it (so PostgreSQL reads the same instant, and no lenient
 * Date.parse form reaches SQL). Anything else is INVALID_REQUEST.
 */
function readPageToken(token: string): [string, string] {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const [at, recordId, ...rest] = text.split('|');
  const issued =
    Buffer.from(text).toString('base64url') === token &&
    rest.length === 0 &&
    at !== undefined &&
    recordId !== undefined &&
    ISSUED_AT.test(at) &&
    Date.parse(at) >= 0 &&
    new Date(at).toISOString() === at &&
    RECORD_ID.test(recordId);
  if (!issued) throw invalidRequest('page_token', 'not a token this node issued');
  return [at, recordId];
}
