import { builtInVerifiers, verifyProof, type AnchorVerifier, type OnlineCheck, type ProofReport } from '../../../sdk/verify/index.ts';
import type { CliContext } from '../cli-context.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkOnline, type ChosenApi } from '../online/check-online.ts';
import type { OptionSpec } from '../option-specs.ts';
import { pluginVerifiers } from '../plugin-verifiers.ts';
import { readInput } from '../read-input.ts';

const marks = { ok: '✓', failed: '✗', unchecked: '?' } as const;

/** The built-in chains' own options naming their online API (`--<option> <url>`, the same as `--api <chain>=<url>`). */
const apiOptions = Object.fromEntries(
  builtInVerifiers.flatMap(({ chain, online }) =>
    online?.option === undefined ? [] : [[online.option, { type: 'string', value: 'url', help: `${online.api} for ${chain} anchors, the same as --api ${chain}=<url>` } satisfies OptionSpec]],
  ),
);

/** Their other sources' options: `--<option> <url>` asks that kind of API instead, `--<keyOption> <key>` gives its key. */
const sourceOptions = Object.fromEntries(
  builtInVerifiers.flatMap(({ chain, online }) =>
    (online?.sources ?? []).flatMap((source): Array<[string, { type: 'string'; value: string; help: string }]> => [
      [source.option, { type: 'string', value: 'url', help: `ask ${source.api} for ${chain} anchors instead` }],
      ...(source.keyOption === undefined ? [] : [[source.keyOption, { type: 'string' as const, value: 'key', help: `the API key of ${source.api} (--${source.option})` }] as [string, { type: 'string'; value: string; help: string }]]),
    ]),
  ),
);

export const verifyCommand = defineCommand({
  name: 'verify',
  usage: '<proof.json> [--log-key <key>] [--online] [--plugin <module>]... [--config <publisher.yaml>]',
  description: [
    'Verifies a proof bundle ("-" reads stdin) offline, with no network: the creator signature, the',
    "operator's receipt (a tlog proof against a checkpoint signed with the log key: --log-key, else the",
    "bundle's own, which the report flags), and each anchor with the verifier of its chain (the built-in chains', and those",
    'of the plugins --plugin or --config name): an anchor of a chain with no verifier fails. Then the',
    "operator's log: the anchored checkpoint (signed with the log key, extending the receipt's by a",
    'consistency proof) and its anchors on each chain, or says that the log is not yet anchored. Prints each',
    'check with ✓ or ✗ and what it found, then what only --online can check. Exits 0 when every check',
    'passes, 1 otherwise. With --online, also asks each chain (its public API for the anchor\'s network,',
    'or the one --api names) whether the anchor\'s block is in its best chain with the confirmations',
    'claimed. Checks that cannot be made (API unreachable, or no public API for the network) are marked ?',
    'and make the exit code 3. The checkpoint anchors\' claims are checked online too.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    'log-key': { type: 'string', value: 'key', help: "the operator's log verifier key (GetInfo's log_verifier_key): <origin>+<key ID>+<key>" },
    online: { type: 'boolean', help: 'also check the anchors against the chains' },
    api: { type: 'string', multiple: true, value: 'chain=url', help: "the API --online asks for a chain's anchors (repeatable)" },
    plugin: { type: 'string', multiple: true, value: 'module', help: "a chain plugin whose verifier to use: a path or an installed package (repeatable)" },
    config: { type: 'string', value: 'file', help: "a node's publisher.yaml: the verifiers of the plugins its chains.plugins name" },
    ...apiOptions,
    ...sourceOptions,
  },
  examples: [
    'publisher proof 3f2a… > proof.json && publisher verify proof.json',
    "publisher verify proof.json --log-key 'publisher.example.com/log+8d3f0a2c+AY6wN4SAlE6yqLe5TpZg5QOL94PM30vRU5b/m6+GcVc1'",
    'publisher verify proof.json --online',
    'publisher verify proof.json --plugin ./examples/filelog-plugin',
  ],
  async run({ values, positionals: [path = ''] }, cli) {
    const text = await readInput(path, cli.cwd, 'proof');
    const verifiers = await pluginVerifiers({ plugins: values.plugin ?? [], config: values.config }, cli.cwd);
    const logKey = values['log-key'] === undefined ? {} : { logKey: values['log-key'] };
    let report = await verifyProof(text, { verifiers, ...logKey });
    let online: OnlineCheck[] = [];
    if (values.online) {
      const found = await checkOnline(text, report, verifiers, apisOf(values as Readonly<Record<string, unknown>>, verifiers));
      online = found.checks;
      // Headers fetched for a proof that carries none: its offline header checks run on them.
      if (Object.keys(found.blockHeaders).length > 0) report = await verifyProof(text, { verifiers, blockHeaders: found.blockHeaders, ...logKey });
    }
    const failed = [...report.checks.filter((check) => !check.ok), ...online.filter((check) => check.outcome === 'failed')];
    const unchecked = online.filter((check) => check.outcome === 'unchecked');
    if (cli.json) cli.out(JSON.stringify({ ...report, ok: failed.length === 0 && unchecked.length === 0, ...(values.online ? { online } : {}) }));
    else printReport(cli, report, online, failed.map(label), unchecked.map(label));
    return failed.length > 0 ? ExitCode.refused : unchecked.length > 0 ? ExitCode.unreachable : ExitCode.ok;
  },
});

/** Each chain's API from `--api <chain>=<url>` and the built-in chains' own options. */
function apisOf(values: Readonly<Record<string, unknown>>, verifiers: readonly AnchorVerifier[]): Map<string, ChosenApi> {
  const apis = new Map<string, ChosenApi>();
  for (const { chain, online } of verifiers) {
    const given = online?.option === undefined ? undefined : values[online.option];
    if (typeof given === 'string') apis.set(chain, { url: trimmed(given) });
    for (const source of online?.sources ?? []) {
      const url = values[source.option];
      const key = source.keyOption === undefined ? undefined : values[source.keyOption];
      if (typeof key === 'string' && typeof url !== 'string') throw usageError(`--${source.keyOption} is for --${source.option}, which is not given`);
      if (typeof url !== 'string') continue;
      if (apis.has(chain)) throw usageError(`--${source.option}: another API is already named for ${chain} anchors; name one`);
      apis.set(chain, { url: trimmed(url), source: source.option, ...(typeof key === 'string' ? { apiKey: key } : {}) });
    }
  }
  for (const pair of (values['api'] as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    const chain = pair.slice(0, at);
    if (at < 1 || at === pair.length - 1) throw usageError(`--api ${pair}: expected <chain>=<url>`, { hint: 'for example --api <chain>=http://127.0.0.1:8090' });
    if (!verifiers.some((verifier) => verifier.chain === chain && verifier.online !== undefined)) {
      const known = verifiers.filter((verifier) => verifier.online !== undefined).map((verifier) => verifier.chain);
      throw usageError(`--api ${pair}: no verifier of chain ${JSON.stringify(chain)} checks online (those that do: ${known.join(', ') || 'none'})`);
    }
    if (apis.get(chain)?.source !== undefined) throw usageError(`--api ${pair}: --${apis.get(chain)!.source} already names the API for ${chain} anchors; name one`);
    apis.set(chain, { url: trimmed(pair.slice(at + 1)) });
  }
  return apis;
}

function printReport(cli: CliContext, report: ProofReport, online: readonly OnlineCheck[], failed: readonly string[], unchecked: readonly string[]): void {
  const rows = [
    ...report.checks.map((check) => [check.ok ? marks.ok : marks.failed, label(check), check.detail] as const),
    ...online.map((check) => [marks[check.outcome], label(check), check.outcome === 'unchecked' ? `not checked: ${check.detail}` : check.detail] as const),
  ];
  const width = Math.max(...rows.map(([, name]) => name.length));
  for (const [mark, name, detail] of rows) cli.out(`${mark} ${name.padEnd(width)}  ${detail}`);
  if (online.length === 0 && report.onlineOnly.length > 0) {
    cli.out('not checked offline (only --online asks the chains):');
    for (const claim of report.onlineOnly) cli.out(`  - ${claim.chain} (${place(claim)}): ${claim.claim}`);
  }
  for (const line of logLines(report)) cli.out(line);
  const what = `the proof${report.recordId ? ` of record ${report.recordId}` : ''}`;
  if (failed.length > 0) cli.out(`${what} does NOT verify: ${failed.join(', ')} failed`);
  else if (unchecked.length > 0) cli.out(`${what} verifies offline, but was not checked online for: ${unchecked.join(', ')}`);
  else cli.out(`${what} verifies${online.length > 0 ? ', offline and online' : ' offline (--online also checks the blocks)'}`);
}

/** What the report says of the operator's log besides its checks: anchored or not, and whose key checked it. */
function logLines(report: ProofReport): string[] {
  const { log } = report;
  if (log === undefined) return [];
  const lines: string[] = [];
  const receipt = log.checkpoint === undefined ? "the receipt's checkpoint" : `the receipt's checkpoint (${log.checkpoint.origin}, tree size ${log.checkpoint.size})`;
  if (!log.anchored) lines.push(`the log is not yet anchored: no checkpoint covering this record is confirmed on a chain yet, so ${receipt} is checked alone`);
  else if (log.anchoredCheckpoint !== undefined) {
    const chains = log.anchorChains.map((chain, i) => `${chain} (checkpoint anchor ${i})`).join(', ') || 'no chain';
    lines.push(`log: ${receipt} extends to the anchored checkpoint of tree size ${log.anchoredCheckpoint.size}, anchored on ${chains}`);
  }
  if (log.keyFromBundle) lines.push("operator key taken from the bundle itself (pass --log-key to check it against the operator's published key)");
  return lines;
}

function place(at: { readonly anchor?: number; readonly checkpointAnchor?: number }): string {
  return at.checkpointAnchor === undefined ? `anchor ${at.anchor ?? '?'}` : `checkpoint anchor ${at.checkpointAnchor}`;
}

function label(check: { readonly name: string; readonly anchor?: number; readonly checkpointAnchor?: number }): string {
  return check.anchor === undefined && check.checkpointAnchor === undefined ? check.name : `${check.name} (${place(check)})`;
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}
