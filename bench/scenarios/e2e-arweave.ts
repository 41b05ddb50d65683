import type { Scenario } from '../harness/scenario.ts';
import { e2eScenario } from './e2e-chain.ts';

/**
 * Target 3, Arweave: bundles (ANS-104) on arlocal, mined every second, confirmed at depth 1.
 * Bundles are smaller than the node's default (500 items, ~1 MB, uploaded in chunks), which gives
 * a finer timeline of ten bundles; the rate does not depend on it (bench/README.md);
 * `--arweave-bundle 500` measures the default.
 */
export const e2eArweave = (records: number, bundle: number): Scenario =>
  e2eScenario({
    label: 'e2e-arweave',
    chain: 'arweave',
    env: {
      PUBLISHER_CHAINS: 'arweave',
      PUBLISHER_ARWEAVE_MODE: 'bundle',
      PUBLISHER_ARWEAVE_BATCH_SIZE: String(bundle),
      PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH: '1',
    },
    records,
    workers: 1,
    devnetProcess: { blockMs: 1_000 },
    targetPerS: 500,
    title: '3b. End to end on the Arweave devnet (bundle mode)',
    target: '≥ 500 records/s confirmed in bundle mode; accept → broadcast p99 < 2 s.',
    setup: `The node (intake only, \`PUBLISHER_INLINE_WORKERS=false\`), one \`worker\` process, and the Arweave devnet (arlocal behind the devnet's front) in a process of its own (\`bench/devnet-process.ts\`, a block every second), on one database: \`PUBLISHER_CHAINS=arweave\`, bundle mode, **${bundle} items per bundle** (\`PUBLISHER_ARWEAVE_BATCH_SIZE\`; smaller than the node's default of 500 for a finer timeline: 250 and 500 gave the same rate, see bench/README.md), \`PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH=1\`; records pushed with PublishBatch (1,000 per call, 4 calls in flight).`,
  });
