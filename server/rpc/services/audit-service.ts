import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import { readAuditEvents, verifyAuditChain } from '../../../core/audit/index.ts';
import { PG_BIGINT_MAX, checkBigint } from '../../../core/errors/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import { AuditEventSchema, AuditService } from '../../../proto/gen/publisher/v1/audit_pb.ts';

/** AuditService (admin): read and verify the hash-chained audit log. */
export function auditServiceRoutes(pool: Pool) {
  return (router: ConnectRouter) =>
    router.service(AuditService, {
      async listEvents(req) {
        // seq is a bigint column: a larger from_seq is refused rather than cast by PostgreSQL.
        const from = checkBigint('from_seq', req.fromSeq, 0n, PG_BIGINT_MAX);
        const limit = Math.min(req.pageSize || 100, 1000);
        const events = await readAuditEvents(pool, from, limit).catch((e: unknown) => {
          throw asStoreError(e);
        });
        const last = events[events.length - 1];
        return {
          events: events.map((e) =>
            create(AuditEventSchema, {
              seq: BigInt(e.seq),
              at: timestampFromDate(e.at),
              kind: e.kind,
              actor: e.actor,
              subject: e.subject,
              dataJson: e.dataJson,
              prevHash: e.prevHash,
              hash: e.hash,
            }),
          ),
          nextSeq: BigInt(last && events.length === limit ? last.seq + 1 : 0),
        };
      },
      async verifyChain() {
        const result = await verifyAuditChain(pool).catch((e: unknown) => {
          throw asStoreError(e);
        });
        return {
          intact: result.intact,
          checked: BigInt(result.checked),
          firstBrokenSeq: BigInt(result.firstBrokenSeq),
          headSeq: BigInt(result.headSeq),
          headHash: result.headHash,
          detail: result.detail,
        };
      },
    });
}
