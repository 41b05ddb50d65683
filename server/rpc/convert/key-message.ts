import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { KeyView, Quota as QuotaView } from '../../../core/keys/index.ts';
import { SignerKeySchema } from '../../../proto/gen/publisher/v1/common_pb.ts';
import { KeySchema, KeyStatus, QuotaSchema, type Key, type Quota } from '../../../proto/gen/publisher/v1/key_pb.ts';

export function keyMessage(k: KeyView): Key {
  return create(KeySchema, {
    key: create(SignerKeySchema, { scheme: k.scheme, publicKey: k.publicKey }),
    address: k.address,
    label: k.label,
    status: k.status === 'active' ? KeyStatus.ACTIVE : KeyStatus.REVOKED,
    createdAt: timestampFromDate(k.createdAt),
    ...(k.revokedAt && { revokedAt: timestampFromDate(k.revokedAt) }),
    revokeReason: k.revokeReason ?? '',
    ...(k.quota && {
      quota: create(QuotaSchema, {
        recordsPerDay: k.quota.recordsPerDay ?? 0,
        bytesPerDay: BigInt(k.quota.bytesPerDay ?? 0),
        requestsPerMinute: k.quota.requestsPerMinute ?? 0,
      }),
    }),
  });
}

/** A quota of all zeros, or none, means the node's defaults. */
export function quotaView(quota: Quota | undefined): QuotaView | null {
  if (!quota || (quota.recordsPerDay === 0 && quota.bytesPerDay === 0n && quota.requestsPerMinute === 0)) return null;
  return {
    ...(quota.recordsPerDay > 0 && { recordsPerDay: quota.recordsPerDay }),
    ...(quota.bytesPerDay > 0n && { bytesPerDay: Number(quota.bytesPerDay) }),
    ...(quota.requestsPerMinute > 0 && { requestsPerMinute: quota.requestsPerMinute }),
  };
}
