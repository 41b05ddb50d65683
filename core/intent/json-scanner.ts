import type { JsonValue } from '../canonical/index.ts';
import { PublisherError } from '../errors/index.ts';

const enum Char {
  Tab = 0x09, LineFeed = 0x0a, CarriageReturn = 0x0d, Space = 0x20, Quote = 0x22, Plus = 0x2b,
  Minus = 0x2d, Dot = 0x2e, Slash = 0x2f, Zero = 0x30, Nine = 0x39, UpperE = 0x45,
  Backslash = 0x5c, LowerB = 0x62, LowerE = 0x65, LowerF = 0x66, LowerN = 0x6e, LowerR = 0x72,
  LowerT = 0x74, LowerU = 0x75,
}

const shortEscapes: ReadonlyMap<number, number> = new Map([
  [Char.Quote, Char.Quote], [Char.Backslash, Char.Backslash], [Char.Slash, Char.Slash],
  [Char.LowerB, 0x08], [Char.LowerF, 0x0c], [Char.LowerN, Char.LineFeed],
  [Char.LowerR, Char.CarriageReturn], [Char.LowerT, Char.Tab],
]);

/**
 * The token level of the strict JSON parser: whitespace, strings, numbers and literals exactly as
 * RFC 8259 spells them, with a cursor the structural parser moves. Refusals carry the offset.
 */
export class JsonScanner {
  pos = 0;

  constructor(readonly text: string) {}

  /** The UTF-16 unit at the cursor, NaN at the end of input. */
  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  /** Skips the four whitespace characters JSON allows, and no others (no BOM, no NBSP). */
  skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== Char.Space && c !== Char.LineFeed && c !== Char.CarriageReturn && c !== Char.Tab) return;
      this.pos++;
    }
  }

  /** Reads a string, number or literal starting at the cursor. */
  readScalar(): JsonValue {
    const c = this.peek();
    if (c === Char.Quote) return this.readString();
    if (c === Char.Minus || isDigit(c)) return this.readNumber();
    if (this.text.startsWith('true', this.pos)) return this.literal(4, true);
    if (this.text.startsWith('false', this.pos)) return this.literal(5, false);
    if (this.text.startsWith('null', this.pos)) return this.literal(4, null);
    return this.fail(`expected a value but found ${this.describe()}`);
  }

  /** Reads a string token; raw runs are sliced, escapes decoded as they come. */
  readString(): string {
    const text = this.text;
    this.pos++;
    let out = '';
    let runStart = this.pos;
    // True when the previous UTF-16 unit (raw or escaped) was a high surrogate awaiting its pair.
    let high = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === Char.Quote) {
        if (high) this.fail('lone UTF-16 surrogate in string');
        out += text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (c === Char.Backslash) {
        out += text.slice(runStart, this.pos);
        const unit = this.readEscape();
        high = this.pairSurrogate(unit, high);
        out += String.fromCharCode(unit);
        runStart = this.pos;
        continue;
      }
      if (!(c >= Char.Space)) {
        this.fail(Number.isNaN(c) ? 'unterminated string' : 'unescaped control character in string');
      }
      high = this.pairSurrogate(c, high);
      this.pos++;
    }
  }

  /** Describes the character at the cursor for error messages. */
  describe(): string {
    if (this.pos >= this.text.length) return 'end of input';
    const code = this.peek();
    const shown = code >= 0x21 && code <= 0x7e ? `'${String.fromCharCode(code)}' ` : '';
    return `${shown}U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }

  fail(problem: string, extra: Record<string, string> = {}): never {
    throw new PublisherError('MALFORMED_INTENT', `invalid JSON at offset ${this.pos}: ${problem}`, {
      metadata: { field: 'json', offset: String(this.pos), ...extra },
    });
  }

  private literal<T>(length: number, value: T): T {
    this.pos += length;
    return value;
  }

  private readNumber(): number {
    const start = this.pos;
    if (this.peek() === Char.Minus) this.pos++;
    if (this.peek() === Char.Zero) {
      this.pos++;
      if (isDigit(this.peek())) this.fail('number with a leading zero');
    } else {
      this.readDigits('number');
    }
    if (this.peek() === Char.Dot) {
      this.pos++;
      this.readDigits('fraction');
    }
    const e = this.peek();
    if (e === Char.LowerE || e === Char.UpperE) {
      this.pos++;
      const sign = this.peek();
      if (sign === Char.Plus || sign === Char.Minus) this.pos++;
      this.readDigits('exponent');
    }
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isFinite(value)) {
      this.pos = start;
      this.fail('number too large to represent (it would be infinite)');
    }
    return value;
  }

  private readDigits(part: string): void {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    if (this.pos === start) this.fail(`${part} without digits`);
  }

  private readEscape(): number {
    const kind = this.text.charCodeAt(this.pos + 1);
    const short = shortEscapes.get(kind);
    if (short !== undefined) {
      this.pos += 2;
      return short;
    }
    if (kind === Char.LowerU) {
      let unit = 0;
      for (let i = 2; i < 6; i++) {
        const digit = hexDigit(this.text.charCodeAt(this.pos + i));
        if (digit < 0) this.fail('invalid \\u escape (needs four hex digits)');
        unit = unit * 16 + digit;
      }
      this.pos += 6;
      return unit;
    }
    return this.fail('invalid escape sequence in string');
  }

  /** Refuses a surrogate that is not half of a high-low pair; returns the new "awaiting low" state. */
  private pairSurrogate(unit: number, high: boolean): boolean {
    if (high !== (unit >= 0xdc00 && unit <= 0xdfff)) this.fail('lone UTF-16 surrogate in string');
    return !high && unit >= 0xd800 && unit <= 0xdbff;
  }
}

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
