/** What `GET /v1/policy` announces and what the validation enforces. */
export interface DevnetPolicy {
  /** Satoshis per 1000 bytes of the standard serialization. */
  minFeeSatPerKb: number;
  maxTxSizePolicy: number;
  maxScriptSizePolicy: number;
  maxTxSigopsCountsPolicy: number;
}

/** ARC's example policy (pkg/api/arc.yaml) with the 1 sat/kB relay fee of today's miners. */
export const DEFAULT_POLICY: DevnetPolicy = {
  minFeeSatPerKb: 1,
  maxTxSizePolicy: 10_000_000,
  maxScriptSizePolicy: 500_000,
  maxTxSigopsCountsPolicy: 4_294_967_295,
};

export const MAX_SATOSHIS = 21_000_000n * 100_000_000n;
export const MIN_TX_SIZE = 61;

/** go-sdk's `SatoshisPerKilobyte.ComputeFee` (used by ARC): ceil(size / 1000 × rate), in integers. */
export function minimumFee(txSize: number, satPerKb: number): bigint {
  return (BigInt(txSize) * BigInt(satPerKb) + 999n) / 1000n;
}
