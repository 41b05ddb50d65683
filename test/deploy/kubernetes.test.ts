import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../server/config/index.ts';
import { kustomizeLite, type Resource } from './support/kustomize-lite.ts';

// The overlays are rendered by the test itself (support/kustomize-lite.ts: Debian's kubectl is too
// old for them, and no kustomize comes from npm) and, where a kubectl with kustomize v4+ is
// installed, checked to match its rendering; every object is validated against the Kubernetes API
// schemas of kubernetes-models, offline: no cluster is needed.

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

const ROOT = 'deploy/kubernetes';
const OVERLAYS = readdirSync(join(ROOT, 'overlays'));
const scratch = mkdtempSync(join(tmpdir(), 'publisher-k8s-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** kubectl's kustomize when it has a recent one (v4 or later), else undefined. */
function kubectlKustomize(): boolean {
  const found = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return !found.error && /Kustomize Version: v([4-9]|\d\d)/.test(found.stdout);
}

/** kustomize folds long base64 values of Secrets over lines, which the API server reads as one. */
function unfoldSecrets(objects: Resource[]): Resource[] {
  for (const o of objects) if (o.kind === 'Secret') o['data'] = Object.fromEntries(Object.entries(o['data'] as Record<string, string>).map(([k, v]) => [k, v.replace(/\s+/g, '')]));
  return objects;
}

/** Renders an overlay as an operator would, with its secrets.env written from the example. */
function render(overlay: string): { objects: Resource[]; byKubectl: Resource[] | undefined } {
  const copy = join(scratch, overlay);
  cpSync(ROOT, copy, { recursive: true });
  const dir = join(copy, 'overlays', overlay);
  writeFileSync(join(dir, 'secrets.env'), readFileSync(join(dir, 'secrets.env.example')));
  const objects = kustomizeLite(dir);
  const byKubectl = kubectlKustomize() ? unfoldSecrets(parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })).map((d) => d.toJS() as Resource)) : undefined;
  return { objects, byKubectl };
}

type Container = { name: string; args: string[]; ports?: { name: string; containerPort: number }[]; envFrom: ({ configMapRef: { name: string } } | { secretRef: { name: string } })[]; resources: { requests: Record<string, string>; limits: Record<string, string> }; readinessProbe?: Record<string, { port: number | string; path?: string; service?: string }>; livenessProbe?: Record<string, { port: number | string; path?: string }>; startupProbe?: unknown };
type PodTemplate = { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };

describe.each(OVERLAYS)('Kubernetes overlay %s', (overlay) => {
  const { objects, byKubectl } = render(overlay);
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const deployments = objects.filter((o) => o.kind === 'Deployment') as (Resource & { spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate } })[];
  const api = deployments.find((d) => d.metadata.name === 'chain-publisher-api')!;
  const worker = deployments.find((d) => d.metadata.name === 'chain-publisher-worker')!;

  it('renders objects that each validate against the Kubernetes API schema of their kind, as kubectl kustomize renders them', () => {
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `a schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new Model!(object as never).validate(), `${object.kind} ${object.metadata.name}`).not.toThrow();
      if (object.kind !== 'Namespace') expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe(`chain-publisher-${overlay}`);
    }
    // Where kubectl's kustomize is at hand, the test's rendering must be its (generated names
    // without their hash suffix): the check that kustomize-lite renders what operators will apply.
    if (byKubectl === undefined) return;
    const unhash = (objects: Resource[]) => {
      const generated = new Map(objects.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret').map((o) => [o.metadata.name, o.metadata.name.replace(/-[a-z0-9]{10}$/, '')]));
      const text = JSON.stringify(objects, (_key, value: unknown) => (typeof value === 'string' && generated.has(value) ? generated.get(value) : value));
      return (JSON.parse(text) as Resource[]).sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
    };
    expect(unhash(objects)).toEqual(unhash(byKubectl!));
  });

  it('runs API replicas behind a Service (HTTP and gRPC ports) and worker replicas of `publisher worker`', () => {
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.spec.replicas).toBeGreaterThanOrEqual(1);
    const [apiContainer] = api.spec.template.spec.containers;
    const [workerContainer] = worker.spec.template.spec.containers;
    expect(apiContainer!.args.slice(-2)).toEqual(['server/main.ts', 'start']);
    expect(workerContainer!.args.slice(-2)).toEqual(['server/main.ts', 'worker']);
    expect(workerContainer!.ports).toBeUndefined();
    const service = find('Service', 'chain-publisher') as Resource & { spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } };
    expect(api.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(worker.spec.template.metadata.labels).not.toMatchObject(service.spec.selector);
    const ports = Object.fromEntries((apiContainer!.ports ?? []).map((p) => [p.name, p.containerPort]));
    expect(service.spec.ports.map((p) => [p.name, ports[p.targetPort]])).toEqual([
      ['http', 8080],
      ['grpc', 8081],
    ]);
  });

  it('probes the API on /healthz and gRPC health, on the ports it listens on; every container has requests and limits', () => {
    const [container] = api.spec.template.spec.containers;
    expect(container!.readinessProbe?.['grpc']).toEqual({ port: 8080, service: 'publisher.v1.PublishService' });
    expect(container!.livenessProbe?.['httpGet']).toEqual({ path: '/healthz', port: 'http' });
    expect(container!.startupProbe).toBeDefined();
    for (const deployment of deployments)
      for (const c of deployment.spec.template.spec.containers) {
        expect(Object.keys(c.resources.requests).sort(), c.name).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort(), c.name).toEqual(['cpu', 'memory']);
      }
  });

  it('has a PodDisruptionBudget for each Deployment, selecting its pods', () => {
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget') as (Resource & { spec: { selector: { matchLabels: Record<string, string> } } })[];
    for (const deployment of deployments) {
      const mine = budgets.filter((b) => Object.entries(b.spec.selector.matchLabels).every(([k, v]) => deployment.spec.template.metadata.labels[k] === v));
      expect(mine.length, deployment.metadata.name).toBe(1);
    }
  });

  it("gives every process settings and secrets the node's configuration accepts (production profile, no secret missing)", () => {
    for (const deployment of deployments)
      for (const c of deployment.spec.template.spec.containers) {
        const env: Record<string, string> = {};
        for (const source of c.envFrom) {
          if ('configMapRef' in source) Object.assign(env, (find('ConfigMap', source.configMapRef.name) as Resource & { data: Record<string, string> }).data);
          else {
            const secret = find('Secret', source.secretRef.name) as Resource & { data: Record<string, string> };
            for (const [key, value] of Object.entries(secret.data)) env[key] = Buffer.from(value, 'base64').toString('utf8');
          }
        }
        expect(Object.keys(env)).toEqual(expect.arrayContaining(['DATABASE_URL', 'PUBLISHER_ADMIN_TOKEN', 'PUBLISHER_LOG_KEY', 'PUBLISHER_BSV_FUNDING_KEY']));
        const config = loadConfig(env);
        expect(config.profile, deployment.metadata.name).toBe('production');
        expect([config.host, config.port, config.grpcPort, config.inlineWorkers]).toEqual(['0.0.0.0', 8080, 8081, false]);
      }
  });
});
