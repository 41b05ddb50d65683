import { PublisherSdkError } from '../errors/sdk-error.ts';

/**
 * A cursor over bytes for the binary formats a proof carries (BSV transactions and BUMPs, ANS-104
 * items). Every read is bounds-checked: a truncated input fails with a message naming what was
 * being read, never with an undefined byte.
 */
export class ByteReader {
  private pos = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  read(length: number, field: string): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0 || length > this.remaining) {
      this.fail(`${field} needs ${length} bytes but ${this.remaining} remain`);
    }
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  u8(field: string): number {
    return this.read(1, field)[0] ?? 0;
  }

  /** Unsigned little-endian integer of 1 to 8 bytes; above 2^53 it is refused, not rounded. */
  uintLE(length: number, field: string): number {
    const bytes = this.read(length, field);
    let value = 0;
    for (let i = bytes.length - 1; i >= 0; i--) value = value * 256 + (bytes[i] ?? 0);
    if (!Number.isSafeInteger(value)) this.fail(`${field} is too large`);
    return value;
  }

  /** Bitcoin's CompactSize integer (1, 3, 5 or 9 bytes). */
  varInt(field: string): number {
    const first = this.u8(field);
    if (first < 0xfd) return first;
    return this.uintLE(first === 0xfd ? 2 : first === 0xfe ? 4 : 8, field);
  }

  /** Throws unless every byte was consumed, so trailing garbage is not silently ignored. */
  end(): void {
    if (this.remaining !== 0) this.fail(`${this.remaining} unexpected bytes after the end`);
  }

  fail(problem: string): never {
    throw new PublisherSdkError('MALFORMED_PROOF', `${this.what} at byte ${this.pos}: ${problem}`);
  }
}
