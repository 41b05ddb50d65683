import type { SettingsSource } from './settings-source.ts';

/**
 * What one client may cost the node before it is authenticated or before its work is done:
 * request sizes, time for every phase of a connection, connections, HTTP/2 stream resets, calls
 * and bytes per peer, and intake's queue. docs/operations.md ("Limits") lists every setting;
 * docs/decisions.md ("Hostile clients") says why each default is what it is.
 */
export interface ServerLimits {
  /** Largest request of every method but Publish and PublishBatch, after decompression. */
  smallRequestBytes: number;
  /** Largest size a compressed request may expand to, as a multiple of its compressed size (above a 64 KiB floor). */
  maxCompressionRatio: number;
  /** Request body bytes held by all requests at once; past it new bodies are refused NODE_BUSY. */
  bodyBytesInFlight: number;
  /** Request body bytes held by the requests of one connection at once (also the largest PublishBatch). */
  bodyBytesPerConnection: number;
  /** Open TCP connections on the main port, and from one peer address. */
  maxConnections: number;
  maxConnectionsPerPeer: number;
  /** A new connection must say which HTTP it speaks within this. */
  sniffTimeoutMs: number;
  /** HTTP/1.1: the request head must arrive within this. */
  headersTimeoutMs: number;
  /** A connection (HTTP/1.1 keep-alive, or an HTTP/2 session with no open stream) idle this long is closed. */
  idleTimeoutMs: number;
  /** A request body that sends nothing for this long is dropped. */
  bodyIdleTimeoutMs: number;
  /** A request body must be complete within this. */
  requestTimeoutMs: number;
  /** An answer whose unsent bytes do not go down for this long (a client that stopped reading) is cut. */
  responseStallTimeoutMs: number;
  /** HTTP/2 streams one session may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
  http2MaxConcurrentStreams: number;
  /** Streams an HTTP/2 client may reset within 10 s before the session is ended (rapid reset, CVE-2023-44487). */
  http2MaxResetsPer10s: number;
  /** Calls and request bytes per second from one peer address; 0 is unlimited. Bursts of twice the rate pass. */
  peerCallsPerSecond: number;
  peerBytesPerSecond: number;
  /** Envelope bytes waiting for intake; past it Publish and PublishBatch are refused NODE_BUSY. */
  intakeQueueBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export function loadServerLimits(s: SettingsSource, profile: 'dev' | 'production'): ServerLimits {
  const production = profile === 'production';
  const ms = (path: string, env: string, fallback: number) => s.int(`server.limits.${path}`, env, fallback, 100, 3_600_000);
  return {
    smallRequestBytes: s.int('server.limits.smallRequestBytes', 'PUBLISHER_SMALL_REQUEST_BYTES', 64 * KiB, 4 * KiB, 64 * MiB),
    maxCompressionRatio: s.int('server.limits.maxCompressionRatio', 'PUBLISHER_MAX_COMPRESSION_RATIO', 32, 2, 1_000),
    bodyBytesInFlight: s.int('server.limits.bodyBytesInFlight', 'PUBLISHER_BODY_BYTES_IN_FLIGHT', 256 * MiB, 1 * MiB, 64 * 1024 * MiB),
    bodyBytesPerConnection: s.int('server.limits.bodyBytesPerConnection', 'PUBLISHER_BODY_BYTES_PER_CONNECTION', 16 * MiB, 256 * KiB, 64 * 1024 * MiB),
    maxConnections: s.int('server.limits.maxConnections', 'PUBLISHER_MAX_CONNECTIONS', 4_096, 1, 1_000_000),
    maxConnectionsPerPeer: s.int('server.limits.maxConnectionsPerPeer', 'PUBLISHER_MAX_CONNECTIONS_PER_PEER', 256, 1, 1_000_000),
    sniffTimeoutMs: ms('sniffTimeoutMs', 'PUBLISHER_SNIFF_TIMEOUT_MS', 10_000),
    headersTimeoutMs: ms('headersTimeoutMs', 'PUBLISHER_HEADERS_TIMEOUT_MS', 10_000),
    idleTimeoutMs: ms('idleTimeoutMs', 'PUBLISHER_IDLE_TIMEOUT_MS', 60_000),
    bodyIdleTimeoutMs: ms('bodyIdleTimeoutMs', 'PUBLISHER_BODY_IDLE_TIMEOUT_MS', 15_000),
    requestTimeoutMs: ms('requestTimeoutMs', 'PUBLISHER_REQUEST_TIMEOUT_MS', 120_000),
    responseStallTimeoutMs: ms('responseStallTimeoutMs', 'PUBLISHER_RESPONSE_STALL_TIMEOUT_MS', 30_000),
    http2MaxConcurrentStreams: s.int('server.limits.http2MaxConcurrentStreams', 'PUBLISHER_HTTP2_MAX_STREAMS', 256, 1, 65_536),
    http2MaxResetsPer10s: s.int('server.limits.http2MaxResetsPer10s', 'PUBLISHER_HTTP2_MAX_RESETS', 200, 1, 1_000_000),
    // Off in dev: one developer, benchmarks and tests all come from 127.0.0.1.
    peerCallsPerSecond: s.int('server.limits.peerCallsPerSecond', 'PUBLISHER_PEER_CALLS_PER_SECOND', production ? 2_000 : 0, 0, 10_000_000),
    peerBytesPerSecond: s.int('server.limits.peerBytesPerSecond', 'PUBLISHER_PEER_BYTES_PER_SECOND', production ? 128 * MiB : 0, 0, 1024 * 1024 * MiB),
    intakeQueueBytes: s.int('server.limits.intakeQueueBytes', 'PUBLISHER_INTAKE_QUEUE_BYTES', 128 * MiB, 1 * MiB, 64 * 1024 * MiB),
  };
}
