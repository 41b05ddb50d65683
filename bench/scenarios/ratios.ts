import { num } from '../harness/markdown.ts';
import type { CpuSplit } from '../harness/proc-stats.ts';

/** CPU per unit of work over a measured window, µs: node (all its threads), PostgreSQL (server and backends) and their sum. */
export interface CpuPer {
  total: number;
  node: number;
  postgres: number;
}

/** Node + PostgreSQL CPU per unit, the load process left out; undefined without PostgreSQL's CPU (DATABASE_URL elsewhere) or units. */
export function cpuPer(cpu: CpuSplit, units: number, nodeS = cpu.nodeS): CpuPer | undefined {
  if (cpu.wallS <= 0 || units <= 0 || cpu.postgresS === undefined) return undefined;
  const node = (nodeS * 1e6) / units;
  const postgres = (cpu.postgresS * 1e6) / units;
  return { total: node + postgres, node, postgres };
}

/** "372 µs (node 250, PostgreSQL 122)". */
export const describeCpuPer = (c: CpuPer, node = 'node') => `${num(c.total)} µs (${node} ${num(c.node)}, PostgreSQL ${num(c.postgres)})`;

/** "5.7 I". */
export const inI = (us: number, intrinsicUs: number) => `${num(us / intrinsicUs, 1)} I`;

export const NOT_MEASURED = 'not measured';
