export interface PeerRates {
  /** Calls per second from one peer address; 0 is unlimited. */
  callsPerSecond: number;
  /** Request body bytes per second from one peer address; 0 is unlimited. */
  bytesPerSecond: number;
}

export interface PeerLimiter {
  /** Counts a call; false when the peer is over its call rate or still owes bytes. */
  takeCall(peer: string): boolean;
  /** Counts body bytes as they arrive; false when the peer is over its byte rate. */
  takeBytes(peer: string, bytes: number): boolean;
}

interface Buckets {
  calls: number;
  bytes: number;
  at: number;
}

/** Peers remembered at once; the longest-unseen are forgotten first (a forgotten peer starts with full buckets). */
const MAX_PEERS = 65_536;
/** A bucket holds this many seconds of its rate: bursts of twice the rate pass. */
const BURST_SECONDS = 2;

/**
 * Token buckets per peer address. A body already being read may take the byte bucket into debt,
 * down to one burst below zero; a peer in debt gets no new calls until it is paid back.
 */
export function createPeerLimiter(rates: PeerRates, now: () => number = () => performance.now()): PeerLimiter {
  const peers = new Map<string, Buckets>();
  const callCap = rates.callsPerSecond * BURST_SECONDS;
  const byteCap = rates.bytesPerSecond * BURST_SECONDS;

  const refill = (peer: string): Buckets => {
    const t = now();
    let b = peers.get(peer);
    if (b === undefined) {
      if (peers.size >= MAX_PEERS) peers.delete(peers.keys().next().value!);
      b = { calls: callCap, bytes: byteCap, at: t };
    } else {
      const seconds = (t - b.at) / 1_000;
      b.calls = Math.min(callCap, b.calls + seconds * rates.callsPerSecond);
      b.bytes = Math.min(byteCap, b.bytes + seconds * rates.bytesPerSecond);
      b.at = t;
      peers.delete(peer); // re-inserted below: the map's order is the order peers were last seen
    }
    peers.set(peer, b);
    return b;
  };

  return {
    takeCall(peer) {
      if (rates.callsPerSecond === 0 && rates.bytesPerSecond === 0) return true;
      const b = refill(peer);
      if (rates.bytesPerSecond > 0 && b.bytes < 0) return false;
      if (rates.callsPerSecond === 0) return true;
      if (b.calls < 1) return false;
      b.calls -= 1;
      return true;
    },
    takeBytes(peer, bytes) {
      if (rates.bytesPerSecond === 0) return true;
      const b = refill(peer);
      b.bytes -= bytes;
      return b.bytes >= -byteCap;
    },
  };
}
