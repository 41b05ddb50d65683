import { describe, expect, it } from 'vitest';
import { checkTargets, checkTimestampWindow } from '../../core/intent/index.ts';
import { expectRefusal } from './support/expect-refusal.ts';

const now = Date.UTC(2026, 10, 21, 23, 0, 0);
const window = 10 * 60_000;

describe('checkTimestampWindow', () => {
  it('accepts timestamps up to the window on either side, inclusive', () => {
    expect(() => checkTimestampWindow(now, now, window)).not.toThrow();
    expect(() => checkTimestampWindow(now + window, now, window)).not.toThrow();
    expect(() => checkTimestampWindow(now - window, now, window)).not.toThrow();
  });

  it('refuses a timestamp from the future beyond the window, saying by how much', () => {
    const error = expectRefusal(() => checkTimestampWindow(now + window + 1, now, window), 'STALE_INTENT', /600\.001 s ahead of the node clock.*±600 s/);
    expect(error.metadata).toEqual({ field: 'timestamp', skewMs: '600001', windowMs: '600000' });
  });

  it('refuses a timestamp from the past beyond the window', () => {
    expectRefusal(() => checkTimestampWindow(now - window - 1, now, window), 'STALE_INTENT', /behind the node clock/);
  });

  it('refuses rather than accepts when a clock value is not a number', () => {
    expectRefusal(() => checkTimestampWindow(now, Number.NaN, window), 'STALE_INTENT');
  });
});

describe('checkTargets', () => {
  const enabled = new Set(['bsv', 'arweave']);

  it('accepts any subset of the enabled chains', () => {
    expect(() => checkTargets(['arweave', 'bsv'], enabled)).not.toThrow();
    expect(() => checkTargets(['bsv'], enabled)).not.toThrow();
  });

  it('refuses naming every unknown target and listing the enabled ones', () => {
    const error = expectRefusal(
      () => checkTargets(['bsv', 'eth', 'sol'], enabled),
      'UNKNOWN_TARGET',
      /unknown target "eth", "sol"; enabled: arweave, bsv/,
    );
    expect(error.metadata).toEqual({ field: 'targets', unknown: 'eth,sol', enabled: 'arweave,bsv' });
  });

  it('says so when the node has no chain enabled', () => {
    expectRefusal(() => checkTargets(['bsv'], new Set()), 'UNKNOWN_TARGET', /no chain enabled/);
  });
});
