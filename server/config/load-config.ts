import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { checkOrigin } from '../../core/audit/index.ts';
import { DEFAULT_CHAINS } from '../chains/built-in-plugins.ts';
import { ConfigError } from './config-error.ts';
import type { NodeConfig } from './node-config.ts';
import { readConfigFile } from './read-config-file.ts';
import { loadServerLimits } from './server-limits.ts';
import { createSettingsSource } from './settings-source.ts';

type Env = Record<string, string | undefined>;

const CHAIN_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The node's configuration: defaults of the profile, then publisher.yaml (path from `--config` or
 * PUBLISHER_CONFIG), then environment variables. Secrets (database URL, admin token, keys) come
 * only from the environment or from files the configuration names.
 */
export function loadConfig(env: Env = process.env, configPath: string | undefined = env['PUBLISHER_CONFIG'] || undefined): NodeConfig {
  const file = configPath ? readConfigFile(configPath) : {};
  const s = createSettingsSource(file, env, configPath ?? '');
  const profile = s.oneOf('profile', 'PUBLISHER_PROFILE', ['dev', 'production'] as const, 'dev');
  const databaseUrl = env['DATABASE_URL'] || undefined;
  const adminTokenFile = s.optionalStr('secrets.adminTokenFile', 'PUBLISHER_ADMIN_TOKEN_FILE');
  const adminToken = env['PUBLISHER_ADMIN_TOKEN'] || readSecretFile(adminTokenFile);
  const logKeyFile = s.optionalStr('secrets.logKeyFile', 'PUBLISHER_LOG_KEY_FILE');
  const logKey = env['PUBLISHER_LOG_KEY'] ? { hex: env['PUBLISHER_LOG_KEY'] } : logKeyFile ? { file: logKeyFile } : undefined;
  // Retired with v1 receipts (docs/decisions.md, "The log key replaces the receipt key"): still
  // accepted in publisher.yaml so an older file loads, and ignored.
  s.optionalStr('secrets.receiptKeyFile', null);
  const logOrigin = s.optionalStr('log.origin', 'PUBLISHER_LOG_ORIGIN');
  const originProblem = logOrigin === undefined ? undefined : checkOrigin(logOrigin);
  if (originProblem) throw new ConfigError(`log.origin (or PUBLISHER_LOG_ORIGIN): ${originProblem}`);
  if (profile === 'production') {
    if (!databaseUrl) throw new ConfigError('DATABASE_URL is required in the production profile (postgres://user:pass@host:5432/db)');
    if (!adminToken) throw new ConfigError('PUBLISHER_ADMIN_TOKEN (or secrets.adminTokenFile) is required in the production profile (at least 16 characters)');
    if (!logKey) throw new ConfigError('PUBLISHER_LOG_KEY (64 hex, an Ed25519 seed) or secrets.logKeyFile is required in the production profile');
    if (!logOrigin) throw new ConfigError('log.origin (or PUBLISHER_LOG_ORIGIN) is required in the production profile: the log\'s name, like example.com/log, stable for its life');
  }
  if (adminToken !== undefined && adminToken.length < 16) throw new ConfigError('the admin token must be at least 16 characters');

  const chains = s.list('chains.enabled', 'PUBLISHER_CHAINS', DEFAULT_CHAINS);
  const badChain = chains.find((c) => !CHAIN_NAME.test(c));
  if (badChain !== undefined) throw new ConfigError(`chains.enabled (or PUBLISHER_CHAINS) must name chains in lowercase (letters, digits, "-"), got "${badChain}"`);

  return {
    profile,
    host: s.str('server.host', 'PUBLISHER_HOST', '127.0.0.1'),
    port: s.int('server.port', 'PUBLISHER_PORT', 8080, 0, 65535),
    grpcPort: nativeGrpcPort(s.int('server.grpcPort', 'PUBLISHER_GRPC_PORT', -1, -1, 65535)),
    dataDir: resolve(s.str('dataDir', 'PUBLISHER_DATA_DIR', '.data')),
    databaseUrl,
    adminToken,
    network: s.oneOf('network', 'PUBLISHER_NETWORK', ['mainnet', 'test'] as const, profile === 'dev' ? 'test' : 'mainnet'),
    intent: {
      maxEnvelopeBytes: s.int('intent.maxEnvelopeBytes', 'PUBLISHER_MAX_INTENT_BYTES', 65_536, 1_024, 16 * 1024 * 1024),
      maxDepth: s.int('intent.maxDepth', 'PUBLISHER_MAX_INTENT_DEPTH', 32, 4, 256),
      timestampWindowMs: s.int('intent.timeWindowSeconds', 'PUBLISHER_TIME_WINDOW_SECONDS', 600, 1, 7 * 24 * 3600) * 1000,
      maxBatchIntents: s.int('intent.maxBatchIntents', 'PUBLISHER_MAX_BATCH_INTENTS', 1_000, 1, 10_000),
      threads: s.int('intent.threads', 'PUBLISHER_INTAKE_THREADS', availableParallelism(), 0, 64),
      groupsInFlight: s.int('intent.groupsInFlight', 'PUBLISHER_INTAKE_GROUPS', 4, 1, 64),
      auditedRefusalsPerMinute: s.int('intent.auditedRefusalsPerMinute', 'PUBLISHER_AUDITED_REFUSALS_PER_MINUTE', 10, 0, 1_000_000),
    },
    limits: loadServerLimits(s, profile),
    chains: [...new Set(chains)],
    logKey,
    logOrigin,
    logPublic: s.bool('log.public', 'PUBLISHER_LOG_PUBLIC', true),
    // transparency-log.md §5: production 600 s, dev 10 s; 0 anchors nothing.
    logAnchorIntervalMs: s.int('log.anchor.intervalSeconds', 'PUBLISHER_LOG_ANCHOR_INTERVAL_SECONDS', profile === 'dev' ? 10 : 600, 0, 7 * 24 * 3600) * 1000,
    defaultQuota: {
      recordsPerMinute: s.int('quotas.recordsPerMinute', 'PUBLISHER_DEFAULT_RECORDS_PER_MINUTE', 0, 0, 1e9),
      recordsPerDay: s.int('quotas.recordsPerDay', 'PUBLISHER_DEFAULT_RECORDS_PER_DAY', 0, 0, 1e12),
      bytesPerDay: s.int('quotas.bytesPerDay', 'PUBLISHER_DEFAULT_BYTES_PER_DAY', 0, 0, 1e15),
    },
    // Open in dev so the page's flow works from a fresh start; production is closed unless set (docs/decisions.md).
    openRegistration: s.bool('registration.open', 'PUBLISHER_OPEN_REGISTRATION', profile === 'dev'),
    // In production, `*` must be a choice, not a default: without the setting no browser origin may call.
    corsOrigins: s.list('server.corsOrigins', 'PUBLISHER_CORS_ORIGINS', profile === 'dev' ? ['*'] : []),
    logLevel: s.oneOf('logLevel', 'PUBLISHER_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    logFormat: s.oneOf('logFormat', 'PUBLISHER_LOG_FORMAT', ['auto', 'json', 'pretty'] as const, 'auto'),
    healthIntervalMs: s.int('server.healthIntervalMs', 'PUBLISHER_HEALTH_INTERVAL_MS', 5_000, 100, 600_000),
    inlineWorkers: s.bool('workers.inline', 'PUBLISHER_INLINE_WORKERS', true),
    heapGrowingPercent: s.int('heapGrowingPercent', 'PUBLISHER_HEAP_GROWING_PERCENT', 50, 0, 300),
    settings: s,
  };
}

function readSecretFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new ConfigError(`cannot read the secret file ${path}: ${(cause as Error).message}`);
  }
}

/** -1 (the default): no native gRPC port; 0: a free one. */
function nativeGrpcPort(value: number): number | null {
  return value < 0 ? null : value;
}
