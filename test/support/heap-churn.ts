// A child process for test/process/heap-policy.test.ts: applies the node's heap policy, then keeps
// replacing the objects of a ring larger than V8's young generation, so that every object is
// promoted to the old space before it dies there (as a call's state is under a steady load), and
// prints the largest old space V8 committed.
import { getHeapSpaceStatistics } from 'node:v8';
import { applyHeapPolicy } from '../../server/heap-policy.ts';

applyHeapPolicy(Number(process.argv[2]));
const ring: { r: number; s: string }[] = new Array(400_000);
let peak = 0;
for (let r = 0; r < 8_000_000; r++) {
  ring[r % ring.length] = { r, s: `short-lived ${r}` };
  if (r % 50_000 === 0) peak = Math.max(peak, getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_size ?? 0);
}
process.stdout.write(`${JSON.stringify({ peakOldSpaceBytes: peak, ring: ring.length })}\n`);
