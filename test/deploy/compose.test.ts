import { existsSync, readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startChains } from '../../server/chains/registry.ts';
import { ConfigError, loadConfig } from '../../server/config/index.ts';

interface Service {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
}

const SECRETS = ['PUBLISHER_ADMIN_TOKEN', 'PUBLISHER_LOG_KEY', 'PUBLISHER_LOG_ORIGIN', 'PUBLISHER_BSV_FUNDING_KEY', 'PUBLISHER_ARWEAVE_WALLET'];

/** Every `${…}` reference in a service's definition (after YAML anchors and merges). */
function references(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
  if (Array.isArray(value)) return value.flatMap(references);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(references);
  return [];
}

// No Docker engine runs here (no daemon), so neither `docker compose config` nor a build can run:
// the files are checked for what can be checked without one.
describe('docker-compose.yml and Dockerfile', () => {
  const text = readFileSync('docker-compose.yml', 'utf8');
  const compose = parse(text, { merge: true }) as Compose;
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const targets = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);

  it('builds every service from a target the Dockerfile defines', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image) continue;
      expect(targets, name).toContain(service.build?.target);
      expect(service.build?.context).toBe('.');
    }
    expect(existsSync('Dockerfile')).toBe(true);
  });

  it('runs PostgreSQL, the node and a worker against it, the worker after the node is healthy', () => {
    const { node, worker } = compose.services;
    expect(node?.environment?.['DATABASE_URL']).toMatch(/^postgres:\/\/\w+:\w+@postgres:5432\/\w+$/);
    expect(node?.depends_on?.['postgres']?.condition).toBe('service_healthy');
    expect(worker?.command).toEqual(['node', '--import', 'tsx', 'server/main.ts', 'worker']);
    expect(worker?.environment?.['DATABASE_URL']).toBe(node?.environment?.['DATABASE_URL']);
    expect(worker?.depends_on?.['node']?.condition).toBe('service_healthy');
  });

  it('requires no variable anywhere: compose interpolates every service before it applies profiles, so one ${VAR:?} would stop `--profile dev up node-dev`', () => {
    const all = references(parse(text));
    expect(all).toEqual(expect.arrayContaining(SECRETS.map((secret) => `${secret}:-`)));
    for (const reference of all) expect(reference, `\${${reference}}`).toMatch(/^\w+:?-/);
  });

  it('runs the dev profile (node-dev and what it depends on) without any production secret', () => {
    const dev = Object.entries(compose.services).filter(([, service]) => service.profiles?.includes('dev'));
    expect(dev.map(([name]) => name)).toEqual(['node-dev']);
    const needed = dev.flatMap(([name, service]) => [name, ...Object.keys(service.depends_on ?? {})]);
    for (const name of needed) {
      const service = compose.services[name]!;
      for (const secret of SECRETS) {
        expect(Object.keys(service.environment ?? {}), name).not.toContain(secret);
        expect(references(service).join(' '), name).not.toContain(secret);
      }
    }
  });

  it('passes the production services their secrets, empty when unset, and the node refuses to start without each instead of running unprotected', async () => {
    for (const name of ['node', 'worker']) {
      for (const secret of SECRETS) expect(compose.services[name]!.environment?.[secret], `${name} ${secret}`).toBe(`\${${secret}:-}`);
    }
    // What the production node gets from compose with no secret set: each is "" (nothing starts).
    const env = Object.fromEntries(
      Object.entries(compose.services['node']!.environment!).map(([key, value]) => [key, value.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]),
    );
    const production = { ...env, PUBLISHER_PROFILE: 'production', PUBLISHER_DATA_DIR: '/nonexistent' };
    const valid = { PUBLISHER_ADMIN_TOKEN: 'a'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log', PUBLISHER_BSV_FUNDING_KEY: '22'.repeat(32) };
    expect(() => loadConfig(production)).toThrow(/PUBLISHER_ADMIN_TOKEN/);
    expect(() => loadConfig({ ...production, PUBLISHER_ADMIN_TOKEN: valid.PUBLISHER_ADMIN_TOKEN })).toThrow(/PUBLISHER_LOG_KEY/);
    expect(() => loadConfig({ ...production, PUBLISHER_ADMIN_TOKEN: valid.PUBLISHER_ADMIN_TOKEN, PUBLISHER_LOG_KEY: valid.PUBLISHER_LOG_KEY })).toThrow(/PUBLISHER_LOG_ORIGIN/);
    const log = pino({ level: 'silent' });
    const withKeys = { ...production, PUBLISHER_ADMIN_TOKEN: valid.PUBLISHER_ADMIN_TOKEN, PUBLISHER_LOG_KEY: valid.PUBLISHER_LOG_KEY, PUBLISHER_LOG_ORIGIN: valid.PUBLISHER_LOG_ORIGIN };
    await expect(startChains({ config: loadConfig(withKeys), log, role: 'server' })).rejects.toThrow(/chain "bsv": fundingKey is required: PUBLISHER_BSV_FUNDING_KEY/);
    const noWallet = startChains({ config: loadConfig({ ...withKeys, PUBLISHER_BSV_FUNDING_KEY: valid.PUBLISHER_BSV_FUNDING_KEY }), log, role: 'server' });
    await expect(noWallet).rejects.toThrow(ConfigError);
    await expect(noWallet).rejects.toThrow(/chain "arweave": wallet is required: PUBLISHER_ARWEAVE_WALLET/);
  });

  it('keeps dependencies, local data, git history and key files out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', '.git', 'dist', 'test-results', '**/*.key.json', '**/.env']));
    for (const dir of ['proto', 'core', 'adapters', 'server', 'devnet', 'sdk', 'bin', 'web']) expect(ignored, dir).not.toContain(dir);
    expect(ignored).not.toContain('package.json');
    expect(ignored).not.toContain('tsconfig.json');
  });

  it('has a dev profile with the local chains (optional dependencies) inside the node', () => {
    const dev = compose.services['node-dev']!;
    expect(dev.profiles).toEqual(['dev']);
    expect(dev.build?.target).toBe('dev');
    expect(dockerfile).toMatch(/FROM base AS dev-deps\n[\s\S]*RUN npm ci --omit=dev --no-audit/);
    expect(dockerfile).toMatch(/FROM production AS dev\n[\s\S]*PUBLISHER_PROFILE=dev/);
  });

  it('copies every source folder the node imports into the production image', () => {
    for (const dir of ['proto', 'core', 'adapters', 'server', 'devnet', 'sdk', 'bin', 'web']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    expect(dockerfile).toMatch(/npm ci --omit=dev --omit=optional/);
    expect(dockerfile).toMatch(/PUBLISHER_PROFILE=production/);
  });
});
