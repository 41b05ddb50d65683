import type { Pool } from 'pg';
import { GENESIS_HASH } from './audit-event.ts';
import { auditHash } from './audit-hash.ts';
import { readAuditEvents } from './read-audit-events.ts';

export interface ChainVerification {
  intact: boolean;
  checked: number;
  /** 0 when intact. */
  firstBrokenSeq: number;
  headSeq: number;
  headHash: string;
  /** What is wrong at firstBrokenSeq. */
  detail: string;
}

const PAGE = 5_000;

/**
 * Recomputes every event's hash from its stored fields and checks each link and that sequence
 * numbers have no gaps, so an edit, deletion or insertion made behind the node's back (the
 * trigger can be dropped by a superuser) is found at the first event it breaks. Someone who
 * rewrites every hash after an edit defeats any chain kept in one database; receipts (which
 * carry the audit sequence number and are signed) are the outside witnesses against that.
 */
export async function verifyAuditChain(pool: Pool): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, detail: string): ChainVerification => ({ intact: false, checked, firstBrokenSeq: seq, headSeq: expectedSeq - 1, headHash: prevHash, detail });
  for (;;) {
    const page = await readAuditEvents(pool, expectedSeq, PAGE);
    if (page.length === 0) break;
    for (const event of page) {
      if (event.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing (next stored is ${event.seq})`);
      if (event.prevHash !== prevHash) return broken(event.seq, `event ${event.seq} does not link to the hash of event ${event.seq - 1}`);
      let recomputed: string;
      try {
        recomputed = auditHash(event);
      } catch {
        return broken(event.seq, `event ${event.seq} has data that is not valid JSON`);
      }
      if (recomputed !== event.hash) return broken(event.seq, `event ${event.seq} was altered: its content does not match its hash`);
      prevHash = event.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  // A cut-off tail leaves no broken link, but records (and the receipts given out for them) name
  // the audit event of their acceptance: one past the head means events were removed.
  const referenced = await pool.query<{ seq: string | null }>('SELECT max(audit_seq) AS seq FROM records');
  const highest = Number(referenced.rows[0]?.seq ?? 0);
  if (highest >= expectedSeq) return broken(expectedSeq, `the log ends at event ${expectedSeq - 1} but records reference event ${highest}`);
  return { intact: true, checked, firstBrokenSeq: 0, headSeq: expectedSeq - 1, headHash: prevHash, detail: '' };
}
