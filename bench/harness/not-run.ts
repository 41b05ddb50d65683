import type { NodeScenarioName } from './options.ts';

/** The targets each scenario judges, as the Summary names them when the scenario is not in the run. */
const TARGETS: [NodeScenarioName, string][] = [
  ['publish-batch', '1. PublishBatch: CPU per intent ≤ 3 I'],
  ['publish-unary', '2. Publish unary, native port: CPU per intent ≤ 3 I + 2 E, p99 < 100 ms, no errors'],
  ['publish-unary', '3. Publish unary, main port: rate ≥ 90% of native, empty call ≤ 1.5 E'],
  ['e2e-bsv', "4. e2e-bsv: node-side CPU per confirmed record ≤ 1.3 × target 1's, accept → broadcast p99 < 2 s"],
  ['e2e-arweave', '4. e2e-arweave: node-side CPU per confirmed record ≤ 1.5 ms, accept → broadcast p99 < 2 s'],
  ['memory', '5. memory: RSS flat within 20% over 10 minutes'],
];

/**
 * Summary rows for the targets of scenarios left out of a full report (`--only` without `--merge`):
 * "not measured", never a verdict from another run. E comes only from publish-unary.
 */
export function notRunRows(ran: readonly NodeScenarioName[]): [string, string, string, string][] {
  return TARGETS.filter(([scenario]) => !ran.includes(scenario)).map(([scenario, target]) => [
    target,
    `\`${scenario}\` not in this run${scenario === 'publish-unary' ? ': E not measured' : ''}`,
    '—',
    'not measured',
  ]);
}
