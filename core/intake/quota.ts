/** Per-key limits; absent or 0 means unlimited. */
export interface QuotaLimits {
  recordsPerMinute?: number;
  recordsPerDay?: number;
  bytesPerDay?: number;
}

/** The key's own limits where set, else the node's defaults, field by field. */
export function effectiveLimits(own: QuotaLimits | null, defaults: QuotaLimits): QuotaLimits {
  return {
    ...defaults,
    ...(own?.recordsPerMinute && { recordsPerMinute: own.recordsPerMinute }),
    ...(own?.recordsPerDay && { recordsPerDay: own.recordsPerDay }),
    ...(own?.bytesPerDay && { bytesPerDay: own.bytesPerDay }),
  };
}
