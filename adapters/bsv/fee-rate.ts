import { BsvAdapterError } from './bsv-adapter-error.ts';

/** A fee rate as ARC's policy states it: `satoshis` per `bytes` of the standard serialization. */
export interface FeeRate {
  satoshis: bigint;
  bytes: bigint;
}

/**
 * A configured rate in satoshis per 1000 bytes. Fractions down to 0.001 sat/kB are kept exact
 * (some miners take less than 1 sat/kB), so the rate is stored per 1,000,000 bytes then.
 */
export function feeRateFromSatPerKb(satPerKb: number): FeeRate {
  if (!Number.isFinite(satPerKb) || satPerKb < 0) throw new BsvAdapterError(`feeRateSatPerKb must be a number ≥ 0, got ${satPerKb}`);
  if (Number.isInteger(satPerKb)) return { satoshis: BigInt(satPerKb), bytes: 1000n };
  const milli = Math.round(satPerKb * 1000);
  if (Math.abs(milli - satPerKb * 1000) > 1e-6) throw new BsvAdapterError(`feeRateSatPerKb takes at most 3 decimals, got ${satPerKb}`);
  return { satoshis: BigInt(milli), bytes: 1_000_000n };
}

export function higherRate(a: FeeRate, b: FeeRate): FeeRate {
  return a.satoshis * b.bytes >= b.satoshis * a.bytes ? a : b;
}

/**
 * What a transaction of `size` bytes pays at `rate`: ceil(size × satoshis / bytes) in integers, or
 * ARC's own figure when that is higher. ARC's validator (go-sdk's SatoshisPerKilobyte.ComputeFee)
 * takes whole satoshis per kB, truncated from its policy, and computes ceil(size / 1000 × rate) in
 * float64, which lands a satoshi high where the exact product is whole (1100 bytes at 10 sat/kB:
 * 11.000000000000002, so 12). Any rate at least ARC's has a whole part at least ARC's, and the float
 * formula grows with it, so this never pays less than ARC checks.
 */
export function feeFor(size: number, rate: FeeRate): bigint {
  const exact = (BigInt(size) * rate.satoshis + rate.bytes - 1n) / rate.bytes;
  const arc = arcValidatorFee(size, Number((rate.satoshis * 1000n) / rate.bytes));
  return arc > exact ? arc : exact;
}

/** go-sdk's calculateFee, as ARC runs it: math.Ceil(float64(size) / 1000 * float64(satoshisPerKB)). */
export function arcValidatorFee(size: number, satoshisPerKb: number): bigint {
  return BigInt(Math.ceil((size / 1000) * satoshisPerKb));
}

export function describeRate(rate: FeeRate): string {
  return `${rate.satoshis} sat per ${rate.bytes} bytes`;
}
