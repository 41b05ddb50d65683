export interface Quota {
  /** 0 or absent: unlimited. */
  recordsPerDay?: number;
  bytesPerDay?: number;
  requestsPerMinute?: number;
}

export type KeyStatus = 'active' | 'revoked';

/** A registered creator key as the registry reports it. */
export interface KeyView {
  scheme: string;
  publicKey: string;
  address: string;
  label: string;
  status: KeyStatus;
  createdAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
  quota: Quota | null;
}

export interface KeyRow {
  id: string;
  scheme: string;
  public_key: string;
  address: string;
  label: string;
  status: KeyStatus;
  created_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
  quota_records_per_day: number | null;
  quota_bytes_per_day: string | null;
  quota_requests_per_minute: number | null;
}

export const KEY_COLUMNS =
  'id, scheme, public_key, address, label, status, created_at, revoked_at, revoke_reason, quota_records_per_day, quota_bytes_per_day, quota_requests_per_minute';

export function keyView(row: KeyRow): KeyView {
  const hasQuota = row.quota_records_per_day !== null || row.quota_bytes_per_day !== null || row.quota_requests_per_minute !== null;
  return {
    scheme: row.scheme,
    publicKey: row.public_key,
    address: row.address,
    label: row.label,
    status: row.status,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    quota: hasQuota
      ? {
          ...(row.quota_records_per_day !== null && { recordsPerDay: row.quota_records_per_day }),
          ...(row.quota_bytes_per_day !== null && { bytesPerDay: Number(row.quota_bytes_per_day) }),
          ...(row.quota_requests_per_minute !== null && { requestsPerMinute: row.quota_requests_per_minute }),
        }
      : null,
  };
}
