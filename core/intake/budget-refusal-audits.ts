import type { PoolClient } from 'pg';

/**
 * Which refusals go to the audit log: at most `perMinute` per key per UTC minute, the first ones
 * in order. Every refusal is counted in key_usage (window `refusals`), audited or not, in one
 * statement whose row locks (taken in a fixed order) make the budget hold across replicas. A key
 * flooding the node with refusals thus costs the log at most `perMinute` events a minute; 0
 * audits none and writes nothing. Returns, per refusal in order, whether to audit it.
 */
export async function budgetRefusalAudits(client: PoolClient, refusals: readonly { signer: string }[], now: Date, perMinute: number): Promise<boolean[]> {
  if (refusals.length === 0 || perMinute <= 0) return refusals.map(() => false);
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const counts = new Map<string, number>();
  for (const r of refusals) counts.set(r.signer, (counts.get(r.signer) ?? 0) + 1);
  const signers = [...counts.keys()].sort();
  const { rows } = await client.query<{ signer: string; records: number }>(
    `INSERT INTO key_usage (signer, "window", window_start, records, bytes)
     SELECT s, 'refusals', $3, n, 0 FROM unnest($1::text[], $2::int[]) AS t(s, n)
     ON CONFLICT (signer, "window", window_start) DO UPDATE SET records = key_usage.records + excluded.records
     RETURNING signer, records`,
    [signers, signers.map((s) => counts.get(s)!), minute],
  );
  // What was left of each key's budget before this transaction's refusals were counted.
  const left = new Map(rows.map((r) => [r.signer, perMinute - (r.records - counts.get(r.signer)!)]));
  return refusals.map(({ signer }) => {
    const n = left.get(signer) ?? 0;
    left.set(signer, n - 1);
    return n > 0;
  });
}
