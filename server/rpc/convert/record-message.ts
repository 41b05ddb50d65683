import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { PublicationView, RecordView } from '../../../core/records/index.ts';
import { SignerKeySchema } from '../../../proto/gen/publisher/v1/common_pb.ts';
import { PublicationSchema, PublicationStatus, RecordSchema, type Publication, type Record } from '../../../proto/gen/publisher/v1/publish_pb.ts';

const statuses: { [K in PublicationView['status']]: PublicationStatus } = {
  queued: PublicationStatus.QUEUED,
  submitted: PublicationStatus.SUBMITTED,
  confirmed: PublicationStatus.CONFIRMED,
  failed: PublicationStatus.FAILED,
};

export function publicationMessage(p: PublicationView): Publication {
  return create(PublicationSchema, {
    chain: p.chain,
    status: statuses[p.status],
    txid: p.txid ?? '',
    batchId: p.batchId ?? '',
    locator: p.locator ?? '',
    confirmations: p.confirmations,
    blockHeight: BigInt(p.blockHeight ?? 0),
    blockHash: p.blockHash ?? '',
    lastError: p.lastError ?? '',
    attempts: p.attempts,
    updatedAt: timestampFromDate(p.updatedAt),
  });
}

export function recordMessage(r: RecordView): Record {
  return create(RecordSchema, {
    recordId: r.recordId,
    creator: r.creator,
    signer: create(SignerKeySchema, { scheme: r.scheme, publicKey: r.publicKey }),
    targets: r.targets,
    signedAt: timestampFromDate(r.signedAt),
    acceptedAt: timestampFromDate(r.acceptedAt),
    intentJson: r.intentJson,
    receipt: r.receipt,
    publications: r.publications.map(publicationMessage),
  });
}
