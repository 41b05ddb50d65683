import type { Scenario } from '../harness/scenario.ts';
import { e2eScenario } from './e2e-chain.ts';

/** Target 4, BSV: blocks every second, 1,000 records per transaction, the chain and the worker out of the node process. */
export const e2eBsv = (records: number): Scenario =>
  e2eScenario({
    label: 'e2e-bsv',
    chain: 'bsv',
    env: { PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_BATCH_SIZE: '1000' },
    records,
    workers: 1,
    devnetProcess: { blockMs: 1_000 },
    cpuLimit: { ofBatchIntake: 1.3 },
    title: '4a. End to end on the BSV devnet',
    target: "node-side CPU (node + workers + PostgreSQL, devnet excluded) per confirmed record ≤ 1.3 × target 1's CPU per intent in the same run (publication adds at most 30% to intake); accept → broadcast p99 < 2 s. Records/s confirmed are information.",
    setup:
      'The node (intake only, `PUBLISHER_INLINE_WORKERS=false`), one `worker` process, and the BSV devnet in a process of its own (`bench/devnet-process.ts`, a block every second), on one database: `PUBLISHER_BSV_BATCH_SIZE=1000` (1,000 records per transaction), confirmation depth 1, batch window 500 ms; records pushed with PublishBatch (1,000 per call, 4 calls in flight) from the load process.',
  });
