import { describe, expect, it } from 'vitest';
import { formatTilePath, parseTilePath } from '../../core/audit/index.ts';

describe('tlog-tiles paths', () => {
  it('writes the index in 3-digit elements, all but the last prefixed with x, as the spec\'s example', () => {
    expect(formatTilePath({ level: 0, index: 1234067n, width: 256 })).toBe('0/x001/x234/067');
    expect(formatTilePath({ level: 2, index: 0n, width: 1 })).toBe('2/000.p/1');
    expect(formatTilePath({ level: 'entries', index: 1000n, width: 17 })).toBe('entries/x001/000.p/17');
    expect(formatTilePath({ level: 1, index: 999n, width: 256 })).toBe('1/999');
  });

  it('reads back every path it writes, and nothing else for the same resource', () => {
    for (const index of [0n, 1n, 255n, 999n, 1000n, 65_536n, 1234067n, 10n ** 17n, 10n ** 18n - 1n]) {
      for (const level of [0, 1, 63, 'entries'] as const) {
        for (const width of [1, 255, 256]) {
          const path = formatTilePath({ level, index, width });
          expect(parseTilePath(path)).toEqual({ level, index, width });
        }
      }
    }
    for (const path of ['0/x000/001', '0/1', '0/x1234/067', '0/x001.p/3', `0/${'x001/'.repeat(6)}000`]) {
      expect(parseTilePath(path)).toHaveProperty('malformed');
    }
  });
});
