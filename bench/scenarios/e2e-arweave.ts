import type { Scenario } from '../harness/scenario.ts';
import { e2eScenario } from './e2e-chain.ts';

/**
 * Target 3, Arweave: bundles (ANS-104) on arlocal, mined every second, confirmed at depth 1.
 * Bundles are smaller than the node's default (500 items, ~1 MB): arlocal unbundles a bundle
 * uploaded in chunks (over 256 KiB) twice, and on this machine its mining then fails on duplicate
 * items and never recovers (bench/README.md has the evidence). `--arweave-bundle 500` tries anyway.
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
      PUBLISHER_ARWEAVE_DEVNET_MINE_MS: '1000',
    },
    records,
    targetPerS: 500,
    title: '3b. End to end on the Arweave devnet (bundle mode)',
    target: '≥ 500 records/s confirmed in bundle mode; accept → broadcast p99 < 2 s.',
    setup: `The node with its inline workers and its own arlocal (\`PUBLISHER_CHAINS=arweave\`, bundle mode, **${bundle} items per bundle** (\`PUBLISHER_ARWEAVE_BATCH_SIZE\`; the node's default of 500 makes ~1 MB bundles, uploaded in chunks, which arlocal takes in far more slowly, see Bottlenecks), \`PUBLISHER_ARWEAVE_DEVNET_MINE_MS=1000\`, \`PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH=1\`), all in the node process; records pushed with PublishBatch (1,000 per call, 4 calls in flight).`,
  });
