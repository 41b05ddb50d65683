import type { PoolClient } from 'pg';
import { entryDataJsons, lockLog, receiptOf, sequenceEntries, storeAppended, type AuditInput } from '../audit/index.ts';
import type { PublisherError } from '../errors/index.ts';
import { checkTargets, checkTimestampWindow } from '../intent/index.ts';
import { readPublications, type PublicationView } from '../records/index.ts';
import type { IntakeContext } from './intake-context.ts';
import { budgetRefusalAudits } from './budget-refusal-audits.ts';
import { lockKeyUsage, type Metered } from './enforce-quotas.ts';
import { insertRecords } from './insert-records.ts';
import { keyNotRegistered, keyRevoked, nonceReused } from './intake-errors.ts';
import { effectiveLimits, type QuotaLimits } from './quota.ts';
import type { IntakeResult } from './intake-result.ts';
import type { IntakeIntent } from './prepare-intents.ts';

/** A verified intent waiting for the database's word. */
export interface Candidate {
  index: number;
  intent: IntakeIntent;
  text: string;
}

const signerOf = (c: Candidate) => `${c.intent.schemeName}:${c.intent.publicKeyText}`;

interface KeyQuotaRow {
  scheme: string;
  public_key: string;
  status: string;
  revoked_at: Date | null;
  quota_records_per_day: number | null;
  quota_bytes_per_day: string | null;
  quota_requests_per_minute: number | null;
}

function ownLimits(key: KeyQuotaRow | undefined): QuotaLimits | null {
  if (!key) return null;
  return {
    ...(key.quota_requests_per_minute && { recordsPerMinute: key.quota_requests_per_minute }),
    ...(key.quota_records_per_day && { recordsPerDay: key.quota_records_per_day }),
    ...(key.quota_bytes_per_day && { bytesPerDay: Number(key.quota_bytes_per_day) }),
  };
}

/**
 * The stateful half of intake, for many intents in ONE transaction: duplicate detection, key
 * registry (read FOR SHARE, so a revocation is ordered against intake), the rate limit (before
 * anything of the intent is written), targets, time window, nonces (the primary key decides
 * races), daily quotas, then log entries under one signed checkpoint, records with their
 * receipts (tlog proofs against that checkpoint) and one QUEUED publication per target. Either all of an intent's rows exist or none do. Refusals of a key the registry knows
 * (or any verified key on an open node) are audited, within a budget per key and minute
 * (budget-refusal-audits.ts); RATE_LIMITED is never audited, and the rest have nobody
 * accountable behind them.
 */
export async function commitIntents(client: PoolClient, ctx: IntakeContext, candidates: readonly Candidate[]): Promise<Map<number, IntakeResult>> {
  const results = new Map<number, IntakeResult>();
  const auditable: { c: Candidate; error: PublisherError }[] = [];
  const duplicates: Candidate[] = [];
  const nowMs = ctx.now();
  const refuse = (c: Candidate, error: PublisherError, audited: boolean) => {
    results.set(c.index, { ok: false, error });
    if (audited) auditable.push({ c, error });
  };

  // 1. The identical envelope, accepted before or earlier in this batch, is a duplicate.
  const existing = await client.query<{ record_id: string }>('SELECT record_id FROM records WHERE record_id = ANY($1::char(64)[])', [
    [...new Set(candidates.map((c) => c.intent.recordId))],
  ]);
  const stored = new Set(existing.rows.map((r) => r.record_id));
  const firstInBatch = new Map<string, number>();
  const echoes: Candidate[] = [];
  let pending: Candidate[] = [];
  for (const c of candidates) {
    if (stored.has(c.intent.recordId)) duplicates.push(c);
    else if (firstInBatch.has(c.intent.recordId)) echoes.push(c);
    else {
      firstInBatch.set(c.intent.recordId, c.index);
      pending.push(c);
    }
  }

  // 2. The key registry.
  const keys = await client.query<KeyQuotaRow>(
    `SELECT scheme, public_key, status, revoked_at, quota_records_per_day, quota_bytes_per_day, quota_requests_per_minute FROM keys
      WHERE (scheme, public_key) IN (SELECT * FROM unnest($1::text[], $2::text[])) FOR SHARE`,
    [pending.map((c) => c.intent.schemeName), pending.map((c) => c.intent.publicKeyText)],
  );
  const keyBySigner = new Map(keys.rows.map((k) => [`${k.scheme}:${k.public_key}`, k]));
  pending = pending.filter((c) => {
    const key = keyBySigner.get(signerOf(c));
    if (key?.status === 'revoked') refuse(c, keyRevoked(c.intent.schemeName, c.intent.publicKeyText, key.revoked_at ?? new Date(0)), true);
    else if (!key && !ctx.openRegistration) refuse(c, keyNotRegistered(c.intent.schemeName, c.intent.publicKeyText), false);
    else return true;
    return false;
  });

  // 3. The rate limit, before anything of the intent is written: an intent over it leaves nothing
  // but its key's counter as it was. Then targets and the time window.
  const acceptedAt = new Date(nowMs);
  const metered = new Map<Candidate, Metered>(
    pending.map((c) => [c, { signer: signerOf(c), sizeBytes: c.intent.sizeBytes, limits: effectiveLimits(ownLimits(keyBySigner.get(signerOf(c))), ctx.defaultQuota) }]),
  );
  const usage = await lockKeyUsage(client, [...metered.values()], acceptedAt);
  pending = pending.filter((c) => {
    const limited = usage.admit(metered.get(c)!);
    if (limited) refuse(c, limited, false);
    else {
      try {
        checkTargets(c.intent.targets, ctx.enabledTargets);
        checkTimestampWindow(c.intent.timestampMs, nowMs, ctx.windowMs);
        return true;
      } catch (error) {
        refuse(c, error as PublisherError, true);
      }
    }
    return false;
  });

  // 4. Nonces: the primary key settles races between concurrent transactions; within this batch,
  // the first intent to use a nonce claims it (one INSERT skips a second row with the same key
  // without saying which of the two it kept).
  const nonceKey = (c: Candidate) => `${signerOf(c)}\n${c.intent.nonceText}`;
  const claimed = new Map<string, Candidate>();
  for (const c of pending) if (!claimed.has(nonceKey(c))) claimed.set(nonceKey(c), c);
  const claims = [...claimed.values()];
  const inserted = await client.query<{ signer: string; nonce: string }>(
    `INSERT INTO nonces (signer, nonce, record_id, created_at)
     SELECT s, n, r, $4 FROM unnest($1::text[], $2::text[], $3::char(64)[]) AS t(s, n, r)
     ON CONFLICT DO NOTHING RETURNING signer, nonce`,
    [claims.map(signerOf), claims.map((c) => c.intent.nonceText), claims.map((c) => c.intent.recordId), acceptedAt],
  );
  const won = new Set(inserted.rows.map((r) => `${r.signer}\n${r.nonce}`));
  const isWinner = (c: Candidate) => claimed.get(nonceKey(c)) === c && won.has(nonceKey(c));
  const lost = pending.filter((c) => !isWinner(c));
  pending = pending.filter(isWinner);
  if (lost.length > 0) {
    const holders = await client.query<{ signer: string; nonce: string; record_id: string }>(
      'SELECT signer, nonce, record_id FROM nonces WHERE (signer, nonce) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [lost.map(signerOf), lost.map((c) => c.intent.nonceText)],
    );
    const holder = new Map(holders.rows.map((h) => [`${h.signer}\n${h.nonce}`, h.record_id]));
    for (const c of lost) {
      const recordId = holder.get(`${signerOf(c)}\n${c.intent.nonceText}`) ?? '';
      if (recordId === c.intent.recordId) duplicates.push(c); // the same envelope, committed meanwhile
      else refuse(c, nonceReused(c.intent.nonceText, recordId), true);
    }
  }

  // 5. Daily quotas, counted only for intents that would otherwise be stored.
  const overQuota = new Set<Candidate>();
  for (const c of pending) {
    const verdict = usage.charge(metered.get(c)!);
    if (verdict) {
      refuse(c, verdict, true);
      overQuota.add(c);
    }
  }
  if (overQuota.size > 0) {
    pending = pending.filter((c) => !overQuota.has(c));
    // The nonce was not spent: the same envelope may be sent again once the window resets.
    await client.query('DELETE FROM nonces WHERE (signer, nonce) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      [...overQuota].map(signerOf),
      [...overQuota].map((c) => c.intent.nonceText),
    ]);
  }
  await usage.save();

  // 6. Log entries, receipts, records and publications. Refusals are logged within their key's
  // budget, in the order the intents came; the others are flagged `unaudited`. The log's head is
  // locked from lockLog until commit, so little happens under the lock: the entries are numbered
  // and hashed into the tree, ONE checkpoint is signed for the group, each receipt is its entry's
  // inclusion proof against it, and entries, tree hashes and checkpoint go in one statement while
  // records and publications go in another.
  auditable.sort((a, b) => a.c.index - b.c.index);
  const audited = await budgetRefusalAudits(client, auditable.map(({ c }) => ({ signer: signerOf(c) })), acceptedAt, ctx.auditedRefusalsPerMinute);
  const refusals: AuditInput[] = [];
  auditable.forEach(({ c, error }, i) => {
    if (audited[i]) refusals.push({ kind: 'intent.refused', actor: c.intent.creator, subject: c.intent.recordId, data: { reason: error.reason, message: error.message } });
    else results.set(c.index, { ok: false, error, unaudited: true });
  });
  const auditInputs: AuditInput[] = [
    ...pending.map((c) => ({
      kind: 'intent.accepted',
      actor: c.intent.creator,
      subject: c.intent.recordId,
      data: { recordId: c.intent.recordId, creator: c.intent.creator, targets: [...c.intent.targets].sort() },
    })),
    ...refusals,
  ];
  const dataJsons = entryDataJsons(auditInputs);
  const appended = auditInputs.length > 0 ? sequenceEntries(await lockLog(client, ctx.logSigner), ctx.logSigner, auditInputs, dataJsons, acceptedAt) : undefined;
  const receipts = pending.map((_, i) => receiptOf(appended!, i));

  // 7. The log's rows, and records with their receipts and a QUEUED publication per target.
  if (appended) {
    await Promise.all([
      storeAppended(client, appended),
      insertRecords(client, pending.map((c, i) => ({ intent: c.intent, text: c.text, receipt: receipts[i]!, logIndex: appended.from + i })), acceptedAt),
    ]);
  }

  // 8. Answers: what this transaction stored is known as written; earlier acceptances are read back.
  const earlier = [...new Set(duplicates.map((c) => c.intent.recordId))];
  const publications = earlier.length > 0 ? await readPublications(client, earlier) : new Map<string, PublicationView[]>();
  const rows = earlier.length > 0 ? await client.query<{ record_id: string; receipt: string }>('SELECT record_id, receipt FROM records WHERE record_id = ANY($1::char(64)[])', [earlier]) : { rows: [] };
  const receiptById = new Map(rows.rows.map((r) => [r.record_id, r.receipt]));
  pending.forEach((c, i) => {
    results.set(c.index, {
      ok: true,
      value: { recordId: c.intent.recordId, duplicate: false, receipt: receipts[i]!, publications: c.intent.targets.map((chain) => queuedPublication(chain, acceptedAt)) },
    });
  });
  for (const c of duplicates) {
    results.set(c.index, {
      ok: true,
      value: { recordId: c.intent.recordId, duplicate: true, receipt: receiptById.get(c.intent.recordId) ?? '', publications: publications.get(c.intent.recordId) ?? [] },
    });
  }
  // The same envelope twice in one batch: the second shares the first's fate, as a duplicate.
  for (const c of echoes) {
    const first = results.get(firstInBatch.get(c.intent.recordId)!)!;
    results.set(c.index, first.ok ? { ok: true, value: { ...first.value, duplicate: true } } : first);
  }
  return results;
}

/** A publication as step 6 inserts it (the columns' defaults), ordered like readPublications. */
function queuedPublication(chain: string, at: Date): PublicationView {
  return { chain, status: 'queued', txid: null, batchId: null, locator: null, confirmations: 0, blockHeight: null, blockHash: null, lastError: null, attempts: 0, updatedAt: at };
}
