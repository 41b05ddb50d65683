import { ByteReader } from '../../encoding/byte-reader.ts';

/** The 80 bytes of a block header, its hashes in internal (hashed) byte order. */
export interface BlockHeader {
  readonly version: number;
  readonly prevHash: Uint8Array;
  readonly merkleRoot: Uint8Array;
  readonly time: number;
  /** nBits: the target in compact form. */
  readonly bits: number;
  readonly nonce: number;
}

export const BLOCK_HEADER_BYTES = 80;

/** version (4, LE), previous block hash (32), Merkle root (32), time (4), nBits (4), nonce (4). */
export function parseBlockHeader(bytes: Uint8Array): BlockHeader {
  const reader = new ByteReader(bytes, 'block header');
  if (bytes.length !== BLOCK_HEADER_BYTES) reader.fail(`it has ${bytes.length} bytes, not ${BLOCK_HEADER_BYTES}`);
  return {
    version: reader.uintLE(4, 'version'),
    prevHash: reader.read(32, 'previous block hash'),
    merkleRoot: reader.read(32, 'Merkle root'),
    time: reader.uintLE(4, 'time'),
    bits: reader.uintLE(4, 'nBits'),
    nonce: reader.uintLE(4, 'nonce'),
  };
}

/**
 * The 256-bit target nBits encodes (Bitcoin's arith_uint256::SetCompact): a 3-byte mantissa times
 * 256^(exponent − 3). A negative, zero or overflowing target is a reason, since no hash can meet it.
 */
export function compactTarget(bits: number): bigint | string {
  const exponent = bits >>> 24;
  const mantissa = bits & 0x007fffff;
  if (mantissa === 0) return 'it encodes a zero target';
  if ((bits & 0x00800000) !== 0) return 'it encodes a negative target';
  if (exponent > 34 || (mantissa > 0xff && exponent > 33) || (mantissa > 0xffff && exponent > 32)) return 'it encodes a target above 2^256';
  return exponent <= 3 ? BigInt(mantissa) >> BigInt(8 * (3 - exponent)) : BigInt(mantissa) << BigInt(8 * (exponent - 3));
}

/** `0x1d00ffff`, as nBits is usually written. */
export function bitsHex(bits: number): string {
  return `0x${bits.toString(16).padStart(8, '0')}`;
}
