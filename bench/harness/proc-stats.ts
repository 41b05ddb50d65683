import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process, from /proc/<pid>/status (VmRSS), in MiB; undefined once it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Resident memory split as the kernel counts it: anonymous (heaps, malloc) and file-backed (code, mapped files). */
export function rssPartsMiB(pid: number): { anon: number; file: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
    return { anon: field('RssAnon'), file: field('RssFile') + field('RssShmem') };
  } catch {
    return undefined;
  }
}

// Clock ticks per second of /proc/<pid>/stat; 100 on every Linux we run on (getconf CLK_TCK).
const CLK_TCK = 100;

interface StatFields {
  ppid: number;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: CPU of children that have exited and been reaped, seconds. */
  reaped: number;
}

function stat(pid: number): StatFields | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields resume after its closing parenthesis.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) / CLK_TCK, reaped: (Number(f[13]) + Number(f[14])) / CLK_TCK };
  } catch {
    return undefined;
  }
}

/** CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  return stat(pid)?.own ?? 0;
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster, its live children (backends, WAL writer,
 * checkpointer…) and, through cutime, the children it has already reaped.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  const top = stat(postmasterPid);
  if (!top) return 0;
  let total = top.own + top.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === postmasterPid) total += child.own;
  }
  return total;
}

/** CPU used by the node, PostgreSQL and the load between two points in time. */
export interface CpuSplit {
  wallS: number;
  nodeS: number;
  postgresS: number | undefined;
  loadS: number;
  /** The node's share split by process group, when the meter was given groups (e.g. node, workers, devnet). */
  nodeParts?: Record<string, number>;
}

/** `groups` names parts of `node` (each pid in at most one, all of them among `node`) whose CPU is also reported apart. */
export function cpuMeter(pids: { node: number[]; postmaster: number | undefined; load: number; groups?: Record<string, number[]> }): { start(): void; poll(): void; stop(): CpuSplit } {
  // A process that has exited reads as 0: keep the last value seen for each pid instead (call
  // poll() now and then while a short-lived process, like the load, is still running).
  const seen = new Map<number, number>();
  const cpuOf = (pid: number) => {
    const value = stat(pid) ? cpuSeconds(pid) : (seen.get(pid) ?? 0);
    seen.set(pid, value);
    return value;
  };
  const take = () => {
    const node = new Map(pids.node.map((pid) => [pid, cpuOf(pid)]));
    const sum = (group: readonly number[]) => group.reduce((total, pid) => total + (node.get(pid) ?? 0), 0);
    return {
      at: performance.now(),
      node: sum(pids.node),
      postgres: pids.postmaster === undefined ? undefined : postgresCpuSeconds(pids.postmaster),
      load: cpuOf(pids.load),
      groups: Object.fromEntries(Object.entries(pids.groups ?? {}).map(([name, group]) => [name, sum(group)])),
    };
  };
  let first: ReturnType<typeof take> | undefined;
  return {
    start() {
      first = take();
    },
    poll() {
      take();
    },
    stop() {
      const last = take();
      const from = first ?? last;
      return {
        wallS: (last.at - from.at) / 1_000,
        nodeS: last.node - from.node,
        postgresS: last.postgres === undefined || from.postgres === undefined ? undefined : last.postgres - from.postgres,
        loadS: last.load - from.load,
        ...(pids.groups && { nodeParts: Object.fromEntries(Object.keys(pids.groups).map((name) => [name, (last.groups[name] ?? 0) - (from.groups[name] ?? 0)])) }),
      };
    },
  };
}
