import type { LoadResult, MarkName } from '../lib/load-result.ts';
import type { BatchLoadResult, UnaryLoadResult } from '../lib/load-result.ts';
import { startLoad } from './load-process.ts';
import { loadSnapshot, type LoadSnapshot } from './machine.ts';
import { sampleActivity, type ActivityProfile } from './pg-activity.ts';
import { cpuMeter, type CpuSplit } from './proc-stats.ts';

export interface Measured<T extends LoadResult> {
  result: T;
  /** CPU of node, PostgreSQL and load over the measured window only (warm-up excluded). */
  cpu: CpuSplit;
  /** What the database's backends were doing during the measured window. */
  activity: ActivityProfile | undefined;
  before: LoadSnapshot;
  after: LoadSnapshot;
}

export interface MeasureTargets {
  nodePids: number[];
  postmasterPid: number | undefined;
  /** To sample pg_stat_activity for this database during the window. */
  database?: { url: string; name: string };
}

type Kinds = { unary: UnaryLoadResult; batch: BatchLoadResult };

/** Runs one load child and reads CPU counters and database activity over its measured window. */
export async function measure<K extends keyof Kinds>(kind: K, args: Record<string, string | number>, targets: MeasureTargets): Promise<Measured<Kinds[K]>> {
  const before = loadSnapshot();
  let meter: ReturnType<typeof cpuMeter> | undefined;
  let cpu: CpuSplit | undefined;
  let sampler: ReturnType<typeof sampleActivity> | undefined;
  let activity: Promise<ActivityProfile> | undefined;
  const onMark = (mark: MarkName) => {
    if (mark === 'measure-start' && !meter) {
      meter = cpuMeter({ node: targets.nodePids, postmaster: targets.postmasterPid, load: load.pid });
      meter.start();
      if (targets.database) sampler = sampleActivity(targets.database.url, targets.database.name);
    } else if (mark === 'measure-end' && meter && !cpu) {
      cpu = meter.stop();
      activity = sampler?.stop();
    }
  };
  const load = startLoad(kind, args, onMark);
  const result = await load.result;
  const after = loadSnapshot();
  return {
    result,
    cpu: cpu ?? { wallS: 0, nodeS: 0, postgresS: undefined, loadS: 0 },
    activity: await (activity ?? sampler?.stop()),
    before,
    after,
  };
}
