import { sha256d } from './tx-codec.ts';

export interface HeaderFields {
  version: number;
  /** Display hex; 64 zeros for the genesis block. */
  prevHash: string;
  merkleRoot: string;
  time: number;
  bits: number;
  nonce: number;
}

/** Regtest's proof-of-work limit: about every second hash meets it, so real proof of work is free. */
export const REGTEST_BITS = 0x207fffff;

export function serializeHeader(h: HeaderFields): Buffer {
  const buf = Buffer.alloc(80);
  buf.writeInt32LE(h.version, 0);
  Buffer.from(h.prevHash, 'hex').reverse().copy(buf, 4);
  Buffer.from(h.merkleRoot, 'hex').reverse().copy(buf, 36);
  buf.writeUInt32LE(h.time, 68);
  buf.writeUInt32LE(h.bits, 72);
  buf.writeUInt32LE(h.nonce, 76);
  return buf;
}

export function headerHash(header: Buffer): string {
  return sha256d(header).reverse().toString('hex');
}

/** Finds a nonce whose header hash meets the target, so the headers pass any header-chain check. */
export function findNonce(h: Omit<HeaderFields, 'nonce'>): number {
  const target = targetOf(h.bits);
  const header = serializeHeader({ ...h, nonce: 0 });
  for (let nonce = 0; nonce <= 0xffffffff; nonce++) {
    header.writeUInt32LE(nonce, 76);
    if (BigInt(`0x${headerHash(header)}`) <= target) return nonce;
  }
  throw new Error('bsv-devnet: no nonce meets the target; change the block time and try again');
}

function targetOf(bits: number): bigint {
  const exponent = BigInt(bits >>> 24);
  const mantissa = BigInt(bits & 0x007fffff);
  return exponent <= 3n ? mantissa >> (8n * (3n - exponent)) : mantissa << (8n * (exponent - 3n));
}

/** Expected hashes for one block at these bits (Bitcoin's GetBlockProof). */
export function blockWork(bits: number): bigint {
  return (1n << 256n) / (targetOf(bits) + 1n);
}

/** Relative to the difficulty-1 target 0x1d00ffff, as `getblockheader` reports it. */
export function difficulty(bits: number): number {
  return Number((targetOf(0x1d00ffff) * 10n ** 18n) / targetOf(bits)) / 1e18;
}
