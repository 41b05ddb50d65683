import type { ServerLimits } from './server-limits.ts';
import type { SettingsSource } from './settings-source.ts';

/** Everything the node needs to run, resolved from publisher.yaml and the environment. */
export interface NodeConfig {
  /** `dev` wires the embedded database and the devnet chains; `production` uses only what is configured. */
  profile: 'dev' | 'production';
  host: string;
  port: number;
  /** A second, gRPC-only port served by @grpc/grpc-js for PublishService, NodeService and Health; null: none. */
  grpcPort: number | null;
  /** Where the embedded database, devnet chains and dev secrets live. */
  dataDir: string;
  /** Absent: start an embedded PostgreSQL in the data directory. */
  databaseUrl: string | undefined;
  /** Absent in dev: generated once and kept in the data directory. */
  adminToken: string | undefined;
  /** Address format for creators and operators (Base58Check version byte): mainnet (0x00) or test networks (0x6f). */
  network: 'mainnet' | 'test';
  intent: IntentConfig;
  /** What one client may cost the node (server/config/server-limits.ts). */
  limits: ServerLimits;
  /** Chains intents may target, by adapter name. */
  chains: string[];
  /** The operator's Ed25519 log key (64 hex, the seed), or a file holding it; absent in dev: generated in the data directory. */
  logKey: { hex: string } | { file: string } | undefined;
  /** The log's origin (transparency-log.md §2); absent in dev: derived from the log key. */
  logOrigin: string | undefined;
  /** Anyone may read the log (/log/ and LogService); false puts every read behind the admin token. */
  logPublic: boolean;
  /** How often at most the log's latest checkpoint is anchored on every chain that can carry it (log.anchor.intervalSeconds), in ms; 0: never. */
  logAnchorIntervalMs: number;
  /** Limits for keys that have none of their own; 0 is unlimited. */
  defaultQuota: { recordsPerMinute: number; recordsPerDay: number; bytesPerDay: number };
  /** Accept any valid signature without prior key registration. */
  openRegistration: boolean;
  /** Origins allowed to call from browsers; `*` allows any. Default: `*` in dev, none in production. */
  corsOrigins: string[];
  logLevel: string;
  /** `auto`: lines for a person on a terminal, JSON lines otherwise (server/logging/create-logger.ts). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** How often the database and the chains are probed for health, in ms. */
  healthIntervalMs: number;
  /** Run the publication workers inside the server process (besides any `publisher worker`). */
  inlineWorkers: boolean;
  /**
   * How far V8 lets its old space grow past what the last full collection kept before collecting
   * again, in percent (50: 1.5×); 0 leaves V8's own policy (up to 4× here). See server/heap-policy.ts.
   */
  heapGrowingPercent: number;
  /** The same sources, for adapters to read their own `chains.<name>` settings. */
  settings: SettingsSource;
}

export interface IntentConfig {
  maxEnvelopeBytes: number;
  maxDepth: number;
  timestampWindowMs: number;
  maxBatchIntents: number;
  /** Worker threads that verify envelopes and sign receipts; 0 does it on the event loop. */
  threads: number;
  /** Group-commit transactions of intake in flight at once (docs/decisions.md, "Group commit"). */
  groupsInFlight: number;
  /** Refusals of one key written to the audit log per UTC minute; the rest are only counted (docs/decisions.md). */
  auditedRefusalsPerMinute: number;
}
