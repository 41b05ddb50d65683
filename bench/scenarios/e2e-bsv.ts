import type { Scenario } from '../harness/scenario.ts';
import { e2eScenario } from './e2e-chain.ts';

/** Target 3, BSV: blocks every second, up to 2,000 records per transaction. */
export const e2eBsv = (records: number): Scenario =>
  e2eScenario({
    label: 'e2e-bsv',
    chain: 'bsv',
    env: { PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_BATCH_SIZE: '1000' },
    records,
    workers: 1,
    devnetProcess: { blockMs: 1_000 },
    targetPerS: 2_000,
    title: '3a. End to end on the BSV devnet',
    target: '≥ 2,000 records/s confirmed (batches of 1,000+ records per transaction); accept → broadcast p99 < 2 s.',
    setup:
      'The node with its inline workers and its own BSV devnet (`PUBLISHER_BSV_DEVNET_BLOCK_MS=1000`, `PUBLISHER_BSV_BATCH_SIZE=2000`, confirmation depth 1, batch window 500 ms), all in the node process; records pushed with PublishBatch (1,000 per call, 4 calls in flight) from the load process.',
  });
