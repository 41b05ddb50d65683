import type { Scenario } from '../harness/scenario.ts';
import { e2eScenario } from './e2e-chain.ts';

/**
 * Target 4, Arweave: bundles (ANS-104) on arlocal, mined every second, confirmed at depth 1.
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
    cpuLimit: { us: 1_500 },
    capacity: true,
    title: '4b. End to end on the Arweave devnet (bundle mode)',
    target: 'node-side CPU (node + workers + PostgreSQL, devnet excluded) per confirmed record ≤ 1.5 ms; accept → broadcast p99 < 2 s; node-side capacity (cores / node-side CPU per record) reported beside the end-to-end rate.',
    setup: `The node (intake only, \`PUBLISHER_INLINE_WORKERS=false\`), one \`worker\` process, and the Arweave devnet (arlocal behind the devnet's front) in a process of its own (\`bench/devnet-process.ts\`, a block every second), on one database: \`PUBLISHER_CHAINS=arweave\`, bundle mode, **${bundle} items per bundle** (\`PUBLISHER_ARWEAVE_BATCH_SIZE\`; smaller than the node's default of 500 for a finer timeline: 250 and 500 gave the same rate, see bench/README.md), \`PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH=1\`; records pushed with PublishBatch (1,000 per call, 4 calls in flight).`,
  });
