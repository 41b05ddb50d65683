import type { Pool } from 'pg';
import { asStoreError } from '../store/index.ts';

export interface Signer {
  scheme: string;
  publicKey: string;
}

// Signers the registry is known to hold, per database (pool). Key rows are never deleted (a
// revoked key stays, revoked), so a signer once found stays true and the cache is never stale;
// a signer not found is not remembered, as another replica may register it at any moment.
const found = new WeakMap<Pool, Set<string>>();
const FOUND_MAX = 10_000;

/**
 * Which of `signers` (`scheme:publicKey`) have a row in the key registry, active or revoked: one
 * indexed query for those not already known, none when all are. Only a hint for refusing early;
 * `commitIntents` reads the registry again, inside its transaction, and decides.
 */
export async function registeredSigners(pool: Pool, signers: ReadonlyMap<string, Signer>): Promise<Set<string>> {
  let known = found.get(pool);
  if (!known) found.set(pool, (known = new Set()));
  const result = new Set<string>();
  const unknown: Signer[] = [];
  for (const [id, signer] of signers) {
    if (known.has(id)) result.add(id);
    else unknown.push(signer);
  }
  if (unknown.length === 0) return result;
  const rows = await pool
    .query<{ scheme: string; public_key: string }>('SELECT scheme, public_key FROM keys WHERE (scheme, public_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      unknown.map((s) => s.scheme),
      unknown.map((s) => s.publicKey),
    ])
    .catch((error: unknown) => {
      throw asStoreError(error);
    });
  if (known.size + rows.rows.length > FOUND_MAX) known.clear();
  for (const row of rows.rows) {
    const id = `${row.scheme}:${row.public_key}`;
    known.add(id);
    result.add(id);
  }
  return result;
}
