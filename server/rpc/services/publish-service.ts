import { create } from '@bufbuild/protobuf';
import { Code, type ConnectRouter } from '@connectrpc/connect';
import { groupCommit, type AcceptedIntent, type IntakeContext, type IntakeResult } from '../../../core/intake/index.ts';
import { PublisherError } from '../../../core/errors/index.ts';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { buildProof } from '../../../core/proofs/index.ts';
import { getRecord, listRecords, type RecordView } from '../../../core/records/index.ts';
import type { NodeMetrics } from '../../metrics/node-metrics.ts';
import { latestValue } from '../latest-value.ts';
import { isFinal, type WatchHub } from '../watch-hub.ts';
import {
  PublishBatchResultSchema,
  PublishResponseSchema,
  PublishService,
  RefusalSchema,
  type PublishResponse,
} from '../../../proto/gen/publisher/v1/publish_pb.ts';
import { publicationMessage, recordMessage } from '../convert/record-message.ts';
import { toConnectError } from '../interceptors/error-interceptor.ts';

export interface PublishServiceOptions {
  intake: IntakeContext;
  maxBatchIntents: number;
  /** Intake transactions in flight at once. */
  groupsInFlight: number;
  /** Envelope bytes waiting for intake at most; past it calls are refused NODE_BUSY. */
  maxQueuedBytes: number;
  watchHub: WatchHub;
  adapters: ReadonlyMap<string, ChainAdapter>;
  metrics: NodeMetrics;
}

function response(value: AcceptedIntent): PublishResponse {
  return create(PublishResponseSchema, {
    recordId: value.recordId,
    duplicate: value.duplicate,
    receipt: value.receipt,
    publications: value.publications.map(publicationMessage),
  });
}

/** PublishService: intake of signed intents, reads of records, live status and proofs. */
export function publishServiceRoutes({ intake, maxBatchIntents, groupsInFlight, maxQueuedBytes, watchHub, adapters, metrics }: PublishServiceOptions) {
  const count = (r: IntakeResult) => {
    if (r.ok) metrics.intents.inc({ outcome: r.value.duplicate ? 'duplicate' : 'accepted', reason: '' });
    else {
      metrics.intents.inc({ outcome: 'refused', reason: r.error.reason });
      if (r.unaudited) metrics.unauditedRefusals.inc({ reason: r.error.reason });
    }
    return r;
  };
  // Concurrent Publish and PublishBatch calls share transactions (docs/decisions.md, "Group commit").
  const group = groupCommit(intake, {
    maxGroup: maxBatchIntents,
    concurrency: groupsInFlight,
    maxQueuedBytes,
    observe: (intents, seconds) => {
      metrics.intakeGroupIntents.observe(intents);
      metrics.intakeGroupSeconds.observe(seconds);
    },
  });
  return (router: ConnectRouter) =>
    router.service(PublishService, {
      async publish(req) {
        const result = count(await group.accept(req.intentJson));
        if (!result.ok) throw result.error;
        return response(result.value);
      },
      async publishBatch(req) {
        if (req.intentJsons.length > maxBatchIntents) {
          throw new PublisherError('INVALID_REQUEST', `a batch holds at most ${maxBatchIntents} intents; this one has ${req.intentJsons.length}`, {
            metadata: { field: 'intent_jsons' },
          });
        }
        const results = (await group.acceptMany(req.intentJsons)).map(count);
        return {
          results: results.map((r) => {
            if (r.ok) return create(PublishBatchResultSchema, { result: { case: 'accepted', value: response(r.value) } });
            const error = toConnectError(r.error);
            return create(PublishBatchResultSchema, {
              result: { case: 'refused', value: create(RefusalSchema, { code: error.code as Code, reason: r.error.reason, message: error.rawMessage }) },
            });
          }),
        };
      },
      async getRecord(req) {
        return { record: recordMessage(await getRecord(intake.pool, req.recordId)) };
      },
      async *watchRecord(req, context) {
        const first = await getRecord(intake.pool, req.recordId);
        yield { record: recordMessage(first) };
        if (isFinal(first)) return;
        const updates = latestValue<RecordView>(context.signal);
        watchHub.subscribe(req.recordId, updates.push, context.signal);
        let sent = JSON.stringify(first.publications);
        for (let record = await updates.next(); record; record = await updates.next()) {
          if (JSON.stringify(record.publications) === sent) continue;
          sent = JSON.stringify(record.publications);
          yield { record: recordMessage(record) };
          if (isFinal(record)) return;
        }
      },
      async getProof(req) {
        const proof = await buildProof(intake.pool, adapters, req.recordId, intake.logSigner.verifierKey);
        return { proofJson: proof.json, complete: proof.complete };
      },
      async listRecords(req) {
        const page = await listRecords(intake.pool, req.creator, req.pageSize, req.pageToken);
        return { records: page.records.map(recordMessage), nextPageToken: page.nextPageToken };
      },
    });
}
