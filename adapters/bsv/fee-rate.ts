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

/** ceil(size × satoshis / bytes) in integers: go-sdk's SatoshisPerKilobyte.ComputeFee, which ARC checks with. */
export function feeFor(size: number, rate: FeeRate): bigint {
  return (BigInt(size) * rate.satoshis + rate.bytes - 1n) / rate.bytes;
}

export function describeRate(rate: FeeRate): string {
  return `${rate.satoshis} sat per ${rate.bytes} bytes`;
}
