import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/index.ts';

async function file(yaml: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'publisher-config-')), 'publisher.yaml');
  await writeFile(path, yaml);
  return path;
}

describe('configuration: defaults, then publisher.yaml, then the environment', () => {
  it('defaults to the dev profile on 127.0.0.1:8080 with both devnet chains', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ profile: 'dev', host: '127.0.0.1', port: 8080, network: 'test', chains: ['bsv', 'arweave'], openRegistration: true });
    expect(config.intent).toEqual({ maxEnvelopeBytes: 65_536, maxDepth: 32, timestampWindowMs: 600_000, maxBatchIntents: 1_000, threads: availableParallelism(), groupsInFlight: 4, auditedRefusalsPerMinute: 10 });
  });

  it('reads publisher.yaml, and an environment variable overrides the file', async () => {
    const path = await file('server:\n  port: 9090\n  corsOrigins: [https://a.example]\nintent:\n  timeWindowSeconds: 120\nregistration:\n  open: true\nchains:\n  enabled: [bsv]\n');
    expect(loadConfig({}, path)).toMatchObject({ port: 9090, corsOrigins: ['https://a.example'], intent: { timestampWindowMs: 120_000 }, openRegistration: true, chains: ['bsv'] });
    expect(loadConfig({ PUBLISHER_PORT: '7070' }, path).port).toBe(7070);
  });

  it('reads the intake threads from intent.threads or PUBLISHER_INTAKE_THREADS, 0 meaning the event loop', async () => {
    expect(loadConfig({ PUBLISHER_INTAKE_THREADS: '0' }).intent.threads).toBe(0);
    expect(loadConfig({}, await file('intent:\n  threads: 3\n')).intent.threads).toBe(3);
    expect(() => loadConfig({ PUBLISHER_INTAKE_THREADS: '65' })).toThrow(/intent\.threads \(or PUBLISHER_INTAKE_THREADS\).*from 0 to 64/);
    expect(loadConfig({ PUBLISHER_INTAKE_GROUPS: '2' }).intent.groupsInFlight).toBe(2);
    expect(loadConfig({}, await file('intent:\n  groupsInFlight: 8\n')).intent.groupsInFlight).toBe(8);
    expect(() => loadConfig({ PUBLISHER_INTAKE_GROUPS: '0' })).toThrow(/intent\.groupsInFlight \(or PUBLISHER_INTAKE_GROUPS\).*from 1 to 64/);
  });

  it('reads the heap growing percent from heapGrowingPercent or PUBLISHER_HEAP_GROWING_PERCENT, 50 by default, 0 meaning V8\'s own', async () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(50);
    expect(loadConfig({ PUBLISHER_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({}, await file('heapGrowingPercent: 100\n')).heapGrowingPercent).toBe(100);
    expect(() => loadConfig({ PUBLISHER_HEAP_GROWING_PERCENT: '301' })).toThrow(/heapGrowingPercent \(or PUBLISHER_HEAP_GROWING_PERCENT\).*from 0 to 300/);
  });

  it.each([
    ['server:\n  port: eighty\n', 'server.port (or PUBLISHER_PORT) in', 'must be an integer from 0 to 65535, got "eighty"'],
    ['registration:\n  open: maybe\n', 'registration.open (or PUBLISHER_OPEN_REGISTRATION) in', 'must be true or false, got "maybe"'],
    ['profile: staging\n', 'profile (or PUBLISHER_PROFILE) in', 'must be one of dev, production, got "staging"'],
    ['chains:\n  enabled: [BSV]\n', 'chains.enabled (or PUBLISHER_CHAINS)', 'must name chains in lowercase (letters, digits, "-"), got "BSV"'],
    ['- just\n- a list\n', '', 'must hold a mapping of settings at the top level'],
    ['a: 1\na: 2\n', '', 'is not valid YAML'],
  ])('refuses %j naming the key and the expected form', async (yaml, names, expected) => {
    const path = await file(yaml);
    const error = (() => {
      try {
        loadConfig({}, path);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(names);
    expect((error as Error).message).toContain(expected);
  });

  it('reports file keys that no setting reads (typos) as unknown', async () => {
    const config = loadConfig({}, await file('server:\n  prot: 9090\nintent:\n  maxDepth: 20\n'));
    expect(config.settings.unread()).toEqual(['server.prot']);
  });

  it('requires the secrets in the production profile, naming each', () => {
    expect(() => loadConfig({ PUBLISHER_PROFILE: 'production' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db' })).toThrow(/PUBLISHER_ADMIN_TOKEN .* is required/);
    const secrets = { PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16) };
    expect(() => loadConfig(secrets)).toThrow(/PUBLISHER_LOG_KEY \(64 hex, an Ed25519 seed\) or secrets.logKeyFile is required/);
    expect(() => loadConfig({ ...secrets, PUBLISHER_LOG_KEY: '11'.repeat(32) })).toThrow(/log.origin \(or PUBLISHER_LOG_ORIGIN\) is required/);
    expect(loadConfig({ ...secrets, PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log' })).toMatchObject({ logKey: { hex: '11'.repeat(32) }, logOrigin: 'example.com/log' });
  });

  it('takes a log origin only as a scheme-less name with no spaces and no "+"; the retired receipt key settings are ignored', async () => {
    for (const bad of ['https://example.com/log', 'example.com/a log', 'example.com+log']) {
      expect(() => loadConfig({ PUBLISHER_LOG_ORIGIN: bad }), bad).toThrow(/no spaces|no scheme/);
    }
    expect(loadConfig({ PUBLISHER_LOG_ORIGIN: 'example.com/chain-publisher/log' }).logOrigin).toBe('example.com/chain-publisher/log');
    const old = loadConfig({ PUBLISHER_RECEIPT_KEY: '11'.repeat(32) }, await file('secrets:\n  receiptKeyFile: /run/secrets/old\n'));
    expect([old.logKey, old.settings.unread()]).toEqual([undefined, []]);
  });

  it('serves the log publicly by default; log.public or PUBLISHER_LOG_PUBLIC false puts it behind the admin token', async () => {
    expect(loadConfig({}).logPublic).toBe(true);
    expect(loadConfig({ PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://db/p', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log' }).logPublic).toBe(true);
    expect(loadConfig({ PUBLISHER_LOG_PUBLIC: 'false' }).logPublic).toBe(false);
    const path = await file('log:\n  public: false\n');
    expect(loadConfig({}, path).logPublic).toBe(false);
    expect(loadConfig({ PUBLISHER_LOG_PUBLIC: 'true' }, path).logPublic).toBe(true);
    expect(() => loadConfig({ PUBLISHER_LOG_PUBLIC: 'no' })).toThrow(/log\.public \(or PUBLISHER_LOG_PUBLIC\) must be true or false, got "no"/);
  });

  it('allows any browser origin by default in dev, none in production unless server.corsOrigins or PUBLISHER_CORS_ORIGINS says so', async () => {
    const production = { PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log' };
    expect(loadConfig({}).corsOrigins).toEqual(['*']);
    expect(loadConfig(production).corsOrigins).toEqual([]);
    expect(loadConfig({ ...production, PUBLISHER_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig(production, await file("server:\n  corsOrigins: ['*']\n")).corsOrigins).toEqual(['*']);
    expect(loadConfig({ ...production, PUBLISHER_CORS_ORIGINS: 'https://a.example,https://b.example' }).corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('opens registration by default in dev (the web page publishes from a fresh start), never by default in production', async () => {
    const production = { PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log' };
    expect(loadConfig({}).openRegistration).toBe(true);
    expect(loadConfig({ PUBLISHER_OPEN_REGISTRATION: 'false' }).openRegistration).toBe(false);
    expect(loadConfig({}, await file('registration:\n  open: false\n')).openRegistration).toBe(false);
    expect(loadConfig(production).openRegistration).toBe(false);
    expect(loadConfig({ ...production, PUBLISHER_OPEN_REGISTRATION: 'true' }).openRegistration).toBe(true);
  });

  it('reads the admin token from a file the configuration names', async () => {
    const token = await file('a-token-from-a-file-0123\n');
    const path = await file(`secrets:\n  adminTokenFile: ${token}\n`);
    expect(loadConfig({}, path).adminToken).toBe('a-token-from-a-file-0123');
  });
  it('reads server.limits from the file or the environment; per-peer rates are off in dev and on in production', async () => {
    const production = { PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log' };
    expect(loadConfig({}).limits).toMatchObject({ smallRequestBytes: 65_536, maxCompressionRatio: 32, peerCallsPerSecond: 0, peerBytesPerSecond: 0, http2MaxResetsPer10s: 200 });
    expect(loadConfig(production).limits).toMatchObject({ peerCallsPerSecond: 2_000, peerBytesPerSecond: 128 * 1024 * 1024 });
    const path = await file('server:\n  limits:\n    idleTimeoutMs: 5000\n    maxConnectionsPerPeer: 8\n');
    expect(loadConfig({ PUBLISHER_MAX_CONNECTIONS_PER_PEER: '16' }, path).limits).toMatchObject({ idleTimeoutMs: 5_000, maxConnectionsPerPeer: 16 });
    expect(() => loadConfig({ PUBLISHER_SNIFF_TIMEOUT_MS: '5' })).toThrow(/server\.limits\.sniffTimeoutMs \(or PUBLISHER_SNIFF_TIMEOUT_MS\) must be an integer from 100/);
  });
});
