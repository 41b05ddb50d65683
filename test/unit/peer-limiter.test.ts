import { describe, expect, it } from 'vitest';
import { createPeerLimiter } from '../../server/rpc/peer-limiter.ts';

describe('per-peer token buckets', () => {
  it('passes a burst of twice the call rate, then one call per 1/rate seconds, per peer', () => {
    let now = 0;
    const limiter = createPeerLimiter({ callsPerSecond: 5, bytesPerSecond: 0 }, () => now);
    const burst = Array.from({ length: 12 }, () => limiter.takeCall('a'));
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(limiter.takeCall('b')).toBe(true); // another peer has its own bucket
    now += 200;
    expect(limiter.takeCall('a')).toBe(true);
    expect(limiter.takeCall('a')).toBe(false);
  });

  it('lets a body run into debt down to one burst, and refuses new calls until it is paid back', () => {
    let now = 0;
    const limiter = createPeerLimiter({ callsPerSecond: 0, bytesPerSecond: 1_000 }, () => now);
    expect(limiter.takeCall('a')).toBe(true);
    expect(limiter.takeBytes('a', 3_000)).toBe(true); // 2,000 in the bucket: 1,000 of debt
    expect(limiter.takeCall('a')).toBe(false);
    expect(limiter.takeBytes('a', 1_500)).toBe(false); // past one burst of debt
    now += 2_600;
    expect(limiter.takeCall('a')).toBe(true);
  });

  it('limits nothing when both rates are 0', () => {
    const limiter = createPeerLimiter({ callsPerSecond: 0, bytesPerSecond: 0 });
    for (let i = 0; i < 1_000; i++) expect(limiter.takeCall('a') && limiter.takeBytes('a', 1 << 20)).toBe(true);
  });
});
