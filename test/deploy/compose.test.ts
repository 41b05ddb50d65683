import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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

// No Docker engine runs here, so the files are checked for what can be checked without one.
describe('docker-compose.yml and Dockerfile', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as Compose;
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

  it('refuses to start the production services without their secrets instead of running unprotected', () => {
    for (const secret of ['PUBLISHER_ADMIN_TOKEN', 'PUBLISHER_RECEIPT_KEY', 'PUBLISHER_BSV_FUNDING_KEY', 'PUBLISHER_ARWEAVE_WALLET']) {
      expect(compose.services['node']!.environment?.[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
    }
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
