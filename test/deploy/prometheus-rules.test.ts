import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Rules {
  groups: { name: string; rules: { alert: string; expr: string; annotations: Record<string, string> }[] }[];
}
interface RuleTests {
  tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
}

const DIR = 'deploy/prometheus';
const alerts = (parse(readFileSync(`${DIR}/alerts.yml`, 'utf8')) as Rules).groups.flatMap((g) => g.rules);

/** promtool from Debian's `prometheus` package; CI (.ci/run) installs it when missing. */
function promtool(...args: string[]): string {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (found.error) throw new Error('promtool is not installed: apt-get install prometheus (.ci/run does this)');
  return execFileSync('promtool', args, { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('Prometheus alert rules (deploy/prometheus)', () => {
  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', 'alerts.yml')).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('pass their promtool unit tests (alerts.test.yml)', () => {
    expect(promtool('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
  });

  it('each have a unit test where they fire and one where they stay quiet', () => {
    const cases = (parse(readFileSync(`${DIR}/alerts.test.yml`, 'utf8')) as RuleTests).tests.flatMap((t) => t.alert_rule_test);
    for (const { alert } of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(mine.some((c) => c.exp_alerts.length > 0), `${alert} fires in some test`).toBe(true);
      expect(mine.some((c) => c.exp_alerts.length === 0), `${alert} stays quiet in some test`).toBe(true);
    }
  });

  it('each link a runbook entry in docs/operations.md', () => {
    const operations = readFileSync('docs/operations.md', 'utf8');
    for (const { alert, annotations } of alerts) {
      expect(annotations['runbook']).toBe(`docs/operations.md#${alert.toLowerCase()}`);
      expect(operations, `a "#### ${alert}" heading`).toMatch(new RegExp(`^#### ${alert}$`, 'm'));
    }
  });
});
