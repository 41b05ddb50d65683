import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestNode, type TestNode } from '../support/test-node.ts';
import { exposedNames, promqlMetricNames } from './support/promql-names.ts';

interface Dashboard {
  panels: { id: number; type: string; title: string; targets?: { expr: string }[] }[];
  templating: { list: { name: string; query?: string | { query: string } }[] };
}

/** Metrics of Prometheus itself that the files may read: the scrape's own `up`. */
const PROMETHEUS_OWN = new Set(['up']);

let node: TestNode;
let exposed: Set<string>;
beforeAll(async () => {
  node = await startTestNode();
  const response = await fetch(`${node.url}/metrics`);
  expect(response.status).toBe(200);
  exposed = exposedNames(await response.text());
});
afterAll(async () => {
  await node?.stop();
});

/** Names read by the expressions that the node does not export, with where they are read. */
function missing(expressions: { where: string; expr: string }[]): string[] {
  return expressions.flatMap(({ where, expr }) => promqlMetricNames(expr).filter((name) => !PROMETHEUS_OWN.has(name) && !exposed.has(name)).map((name) => `${where}: ${name}`));
}

describe('the metric names deploy/ reads exist on a real node', () => {
  it('parses PromQL names as meant', () => {
    expect(promqlMetricNames('histogram_quantile(0.95, sum by (chain, le) (rate(publisher_broadcast_seconds_bucket{chain=~"$chain"}[$__rate_interval])))')).toEqual(['publisher_broadcast_seconds_bucket']);
    expect(promqlMetricNames('sum(increase(a_total{x="sum(b)"}[10m])) > 0 and max(delta(c[10m] offset 5m)) <= 0')).toEqual(['a_total', 'c']);
    expect(promqlMetricNames('label_values(publisher_publications, chain)')).toEqual(['publisher_publications']);
  });

  it('Grafana dashboard: every panel query and variable reads metrics the node exports', () => {
    const dashboard = JSON.parse(readFileSync('deploy/grafana/chain-publisher.json', 'utf8')) as Dashboard;
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel ${p.id} "${p.title}"`, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(20);
    const variables = dashboard.templating.list.flatMap((v) => (typeof v.query === 'object' ? [{ where: `variable ${v.name}`, expr: v.query.query }] : []));
    expect(missing([...queries, ...variables])).toEqual([]);
    // Every name read is the node's (or Prometheus's up): no panel on a metric of another exporter.
    const read = new Set([...queries, ...variables].flatMap((q) => promqlMetricNames(q.expr)));
    expect([...read].filter((n) => !n.startsWith('publisher_') && !PROMETHEUS_OWN.has(n))).toEqual([]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('Prometheus alert rules: every expression reads metrics the node exports', () => {
    const rules = (parse(readFileSync('deploy/prometheus/alerts.yml', 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    expect(missing(rules.map((r) => ({ where: r.alert, expr: r.expr })))).toEqual([]);
  });
});
