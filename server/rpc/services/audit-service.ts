import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import { readLogEntries, verifyLog, type CheckpointSigner } from '../../../core/audit/index.ts';
import { PG_BIGINT_MAX, checkBigint } from '../../../core/errors/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import { AuditEventSchema, AuditService } from '../../../proto/gen/publisher/v1/audit_pb.ts';

interface EntryJson {
  at: string;
  kind: string;
  actor: string;
  subject: string;
  data: unknown;
}

/** AuditService (admin): the transparency log's entries read as events (seq = index + 1), and its full check. */
export function auditServiceRoutes(pool: Pool, logSigner: CheckpointSigner) {
  const storeError = (e: unknown) => {
    throw asStoreError(e);
  };
  return (router: ConnectRouter) =>
    router.service(AuditService, {
      async listEvents(req) {
        // seq is index + 1 over a bigint column: a larger from_seq is refused rather than cast by PostgreSQL.
        const from = checkBigint('from_seq', req.fromSeq, 0n, PG_BIGINT_MAX);
        const limit = Math.min(req.pageSize || 100, 1000);
        const entries = await readLogEntries(pool, from > 0n ? from - 1n : 0n, limit).catch(storeError);
        const last = entries[entries.length - 1];
        return {
          events: entries.map((e) => {
            const fields = JSON.parse(e.entry.toString('utf8')) as EntryJson;
            return create(AuditEventSchema, {
              seq: BigInt(e.index + 1),
              at: timestampFromDate(new Date(fields.at)),
              kind: fields.kind,
              actor: fields.actor,
              subject: fields.subject,
              dataJson: JSON.stringify(fields.data),
              hash: e.leafHash.toString('hex'),
              entry: e.entry,
            });
          }),
          nextSeq: BigInt(last && entries.length === limit ? last.index + 2 : 0),
        };
      },
      async verifyChain() {
        const result = await verifyLog(pool, logSigner).catch(storeError);
        return {
          intact: result.intact,
          checked: BigInt(result.checked),
          firstBrokenSeq: BigInt(result.firstBrokenIndex + 1),
          headSeq: BigInt(result.size),
          headHash: result.rootHash.toString('hex'),
          detail: result.detail,
          checkpoint: result.checkpoint,
        };
      },
    });
}
