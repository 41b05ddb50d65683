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

/**
 * The fee ARC's validator asks (FeesToFeeModel, then go-sdk's `SatoshisPerKilobyte.ComputeFee`):
 * whole satoshis per kB truncated from the node's minminingtxfee in BSV per kB (3e-8 × 1e8 is
 * 2.9999999999999996, so 2), then ceil(size / 1000 × rate) in float64.
 */
export function minimumFee(txSize: number, bsvPerKb: number): bigint {
  const validatorRate = Math.trunc(bsvPerKb * 1e8);
  return BigInt(Math.ceil((txSize / 1000) * validatorRate));
}

/**
 * `GET /v1/policy`'s miningFee as ARC computes it (calcFeesFromBSVPerKB) from the node's
 * minminingtxfee in BSV per kB: satoshis = fee × 1e8, both scaled by ten until satoshis is whole in
 * float64. 3 sat/kB (3e-8 BSV) gives 29999999999999996 satoshis per 1e19 bytes.
 */
export function policyMiningFee(bsvPerKb: number): { bytes: number; satoshis: number } {
  let satoshis = bsvPerKb * 1e8;
  let bytes = 1000;
  while (satoshis !== Math.trunc(satoshis)) {
    satoshis *= 10;
    bytes *= 10;
  }
  return { bytes, satoshis };
}

/** The node's minminingtxfee, which ARC reads in BSV per kB, from the devnet's whole sat/kB. */
export function bsvPerKb(satPerKb: number): number {
  return satPerKb / 1e8;
}
