/** A resource of the tlog-tiles API (c2sp.org/tlog-tiles), as named by its path under `<prefix>/tile/`. */
export interface TilePath {
  /** `entries` for an entry bundle, else the tile's level (0: leaf hashes). */
  level: number | 'entries';
  /** The tile's index within its level. */
  index: bigint;
  /** 256 for a full tile, 1-255 for a partial one (`.p/<W>`). */
  width: number;
}

export const TILE_WIDTH = 256;
/** Six 3-digit elements reach 10^18, past any tile index a log here will have (2^63 / 256). */
const MAX_INDEX_ELEMENTS = 6;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Reads `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]` exactly as tlog-tiles writes them: L from 0 to
 * 63 and W from 1 to 255 with no leading zeroes, N in 3-digit elements all but the last prefixed
 * with `x` (1234067 is `x001/x234/067`), with no leading all-zero element, so every resource has
 * one path. Returns a reason when the path is not one.
 */
export function parseTilePath(path: string): TilePath | { malformed: string } {
  const parts = path.split('/');
  const head = parts.shift() ?? '';
  let level: TilePath['level'];
  if (head === 'entries') level = 'entries';
  else if (DECIMAL.test(head) && Number(head) <= 63) level = Number(head);
  else return { malformed: `the tile level must be "entries" or a decimal from 0 to 63 with no leading zero, not "${clip(head)}"` };
  let width = TILE_WIDTH;
  const last = parts.length - 1;
  if (parts.length >= 2 && parts[last - 1]!.endsWith('.p')) {
    const w = parts[last]!;
    if (!DECIMAL.test(w) || Number(w) < 1 || Number(w) > 255) return { malformed: `a partial tile's width must be a decimal from 1 to 255 with no leading zero, not "${clip(w)}"` };
    width = Number(w);
    parts.pop();
    parts[last - 1] = parts[last - 1]!.slice(0, -2);
  }
  if (parts.length === 0 || parts.length > MAX_INDEX_ELEMENTS) return { malformed: `the tile index must be 1 to ${MAX_INDEX_ELEMENTS} path elements` };
  let digits = '';
  for (const [i, part] of parts.entries()) {
    const element = i < parts.length - 1 ? part.startsWith('x') && part.slice(1) : part;
    if (element === false || !/^[0-9]{3}$/.test(element)) return { malformed: `the tile index must be 3-digit elements, all but the last prefixed with "x" (x001/x234/067), not "${clip(parts.join('/'))}"` };
    if (i === 0 && parts.length > 1 && element === '000') return { malformed: 'the tile index has a leading x000 element' };
    digits += element;
  }
  return { level, index: BigInt(digits), width };
}

/** The path of a tile or entry bundle under `<prefix>/tile/`. */
export function formatTilePath({ level, index, width }: TilePath): string {
  const digits = index.toString().padStart(3, '0');
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const elements = padded.match(/.{3}/g)!.map((e, i, all) => (i < all.length - 1 ? `x${e}` : e));
  return `${level}/${elements.join('/')}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
