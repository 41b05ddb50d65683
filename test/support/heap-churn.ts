// A child process for test/process/heap-policy.test.ts: applies the node's heap policy, keeps ~30 MB
// alive, allocates short-lived objects for a while, and prints the largest old space V8 committed.
import { getHeapSpaceStatistics } from 'node:v8';
import { applyHeapPolicy } from '../../server/heap-policy.ts';

applyHeapPolicy(Number(process.argv[2]));
const live = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `live ${i}` }));
let churn: { r: number; s: string }[] = [];
let peak = 0;
for (let r = 0; r < 20_000_000; r++) {
  churn.push({ r, s: `short-lived ${r}` });
  if (churn.length > 50_000) churn = [];
  if (r % 100_000 === 0) peak = Math.max(peak, getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_size ?? 0);
}
process.stdout.write(`${JSON.stringify({ peakOldSpaceBytes: peak, live: live.length })}\n`);
