import type { ActivityProfile } from '../harness/pg-activity.ts';
import type { CpuSplit } from '../harness/proc-stats.ts';
import { num, pct } from '../harness/markdown.ts';

/** "node 1.9 cores, PostgreSQL 0.3, load 0.2" and CPU-µs per unit of work. */
export function describeCpu(cpu: CpuSplit, units: number, unitName: string, labels: { node?: string; load?: boolean } = {}): string {
  if (cpu.wallS <= 0) return 'no CPU reading';
  const cores = (s: number | undefined) => (s === undefined ? 'n/a' : num(s / cpu.wallS, 2));
  const per = (s: number | undefined) => (s === undefined || units === 0 ? 'n/a' : num((s * 1e6) / units));
  const node = labels.node ?? 'node';
  const withLoad = labels.load ?? true;
  const parts = (value: (s: number) => string) =>
    cpu.nodeParts ? ` (${Object.entries(cpu.nodeParts).map(([name, s]) => `${name} ${value(s)}`).join(', ')})` : '';
  return (
    `CPU over the window (cores busy): ${node} ${cores(cpu.nodeS)}${parts(cores)}, PostgreSQL ${cores(cpu.postgresS)}${withLoad ? `, load ${cores(cpu.loadS)}` : ''}; ` +
    `per ${unitName}: ${node} ${per(cpu.nodeS)} µs${parts(per)}, PostgreSQL ${per(cpu.postgresS)} µs${withLoad ? `, load ${per(cpu.loadS)} µs` : ''}`
  );
}

/** The top states of the database's backends during the window, as shares of backend-samples. */
export function describeActivity(activity: ActivityProfile | undefined, top = 4): string {
  if (!activity || activity.samples === 0) return 'no database activity samples';
  const total = activity.states.reduce((sum, [, n]) => sum + n, 0);
  const parts = activity.states.slice(0, top).map(([state, n]) => `${state} ${pct(n / total)}`);
  return `database backends (${activity.samples} samples, ${num(activity.meanActive, 1)} active on average): ${parts.join(', ')}`;
}
