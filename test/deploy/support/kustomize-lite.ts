import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type Resource = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  envs?: string[];
}
interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
}

const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas', 'configMapGenerator', 'secretGenerator']);

/** KEY=value lines of an env file (comments and blank lines skipped), as kustomize reads them. */
function envLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

function pairs(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/**
 * The subset of kustomize that deploy/kubernetes uses (resources, namespace, labels without
 * selectors, images, replicas, ConfigMap and Secret generators with create or merge), applied by
 * the test itself where no kustomize is installed. Generated names get no hash suffix; the test
 * compares with `kubectl kustomize` where one is, the suffixes left out. Anything else in a
 * kustomization.yaml is refused, so the overlays stay within what this renders.
 */
export function kustomizeLite(dir: string): Resource[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  for (const key of Object.keys(k)) if (!KNOWN.has(key)) throw new Error(`${dir}/kustomization.yaml: ${key} is not rendered by kustomize-lite`);
  const objects: Resource[] = [];
  for (const entry of k.resources ?? []) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) objects.push(...kustomizeLite(path));
    else objects.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Resource));
  }
  const generate = (kind: 'ConfigMap' | 'Secret', g: Generator) => {
    const data = { ...pairs(g.literals ?? []), ...Object.assign({}, ...(g.envs ?? []).map((f) => pairs(envLines(readFileSync(join(dir, f), 'utf8'))))) } as Record<string, string>;
    const encoded = kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([key, v]) => [key, Buffer.from(v).toString('base64')])) : data;
    const existing = objects.find((o) => o.kind === kind && o.metadata.name === g.name);
    if (g.behavior === 'merge') {
      if (!existing) throw new Error(`${dir}: no ${kind} ${g.name} to merge into`);
      existing['data'] = { ...(existing['data'] as Record<string, string>), ...encoded };
    } else objects.push({ apiVersion: 'v1', kind, metadata: { name: g.name }, ...(kind === 'Secret' ? { type: 'Opaque' } : {}), data: encoded });
  };
  for (const g of k.configMapGenerator ?? []) generate('ConfigMap', g);
  for (const g of k.secretGenerator ?? []) generate('Secret', g);
  for (const o of objects) {
    for (const l of k.labels ?? []) {
      if (l.includeSelectors) throw new Error('kustomize-lite: labels with includeSelectors are not rendered');
      o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
    }
    if (k.namespace !== undefined && o.kind !== 'Namespace') o.metadata.namespace = k.namespace;
    if (o.kind !== 'Deployment') continue;
    const spec = o['spec'] as { replicas?: number; template: { spec: { containers: { image: string }[] } } };
    const replicas = k.replicas?.find((r) => r.name === o.metadata.name);
    if (replicas) spec.replicas = replicas.count;
    for (const c of spec.template.spec.containers) {
      const image = k.images?.find((i) => c.image === i.name || c.image.startsWith(`${i.name}:`));
      if (image) c.image = `${image.newName ?? image.name}:${image.newTag ?? c.image.split(':')[1] ?? 'latest'}`;
    }
  }
  return objects;
}
