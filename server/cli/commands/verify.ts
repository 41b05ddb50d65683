import { verifyProof, type ProofReport } from '../../../sdk/verify/index.ts';
import type { CliContext } from '../cli-context.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkArweaveBlocks } from '../online/check-arweave-blocks.ts';
import { checkBsvHeaders } from '../online/check-bsv-headers.ts';
import { anchorsOf, type OnlineCheck } from '../online/online-check.ts';
import { readInput } from '../read-input.ts';

const marks = { ok: '✓', failed: '✗', unchecked: '?' } as const;

export const verifyCommand = defineCommand({
  name: 'verify',
  usage: '<proof.json> [--online]',
  description: [
    'Verifies a proof bundle ("-" reads stdin) offline, with no network: the creator signature, the',
    "operator's receipt, each BSV transaction, output, Merkle path and the block header it leads to (its",
    'hash, Merkle root and proof of work), each Arweave data item and its tags. Prints each check with ✓',
    'or ✗ and what it found, then what only --online can check. Exits 0 when every check passes, 1 otherwise.',
    'With --online, also asks a WhatsOnChain-compatible API whether each BSV block is in the best chain',
    'at its height with the confirmations claimed (and fetches the header a proof lacks), and each',
    "Arweave gateway for its anchor's block. Checks that cannot be made (API unreachable, or no public",
    'API for the network) are marked ? and make the exit code 3.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    online: { type: 'boolean', help: 'also check the anchors against the chains' },
    'woc-url': { type: 'string', value: 'url', help: 'WhatsOnChain-compatible API (default by network: https://api.whatsonchain.com/v1/bsv/main)' },
    gateway: { type: 'string', value: 'url', help: 'Arweave gateway (default by network: https://arweave.net)' },
  },
  examples: ['publisher proof 3f2a… > proof.json && publisher verify proof.json', 'publisher verify proof.json --online'],
  async run({ values, positionals: [path = ''] }, cli) {
    const text = await readInput(path, cli.cwd, 'proof');
    let report = await verifyProof(text);
    let online: OnlineCheck[] = [];
    if (values.online) {
      const found = await onlineChecks(text, report, values['woc-url'], values.gateway);
      online = found.checks;
      // Headers fetched for a proof that carries none: its offline header checks run on them.
      if (Object.keys(found.headers).length > 0) report = await verifyProof(text, { blockHeaders: found.headers });
    }
    const failed = [...report.checks.filter((check) => !check.ok), ...online.filter((check) => check.outcome === 'failed')];
    const unchecked = online.filter((check) => check.outcome === 'unchecked');
    if (cli.json) cli.out(JSON.stringify({ ...report, ok: failed.length === 0 && unchecked.length === 0, ...(values.online ? { online } : {}) }));
    else printReport(cli, report, online, failed.map(label), unchecked.map(label));
    return failed.length > 0 ? ExitCode.refused : unchecked.length > 0 ? ExitCode.unreachable : ExitCode.ok;
  },
});

async function onlineChecks(text: string, report: ProofReport, wocUrl: string | undefined, gateway: string | undefined): Promise<{ checks: OnlineCheck[]; headers: Record<string, string> }> {
  const anchors = anchorsOf(text);
  const [bsv, arweave] = await Promise.all([checkBsvHeaders(anchors, report.merkleRoots, trimmed(wocUrl)), checkArweaveBlocks(anchors, trimmed(gateway))]);
  return { checks: [...bsv.checks, ...arweave].sort((a, b) => a.anchor - b.anchor), headers: bsv.headers };
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
    for (const claim of report.onlineOnly) cli.out(`  - ${claim.chain} (anchor ${claim.anchor}): ${claim.claim}`);
  }
  const what = `the proof${report.recordId ? ` of record ${report.recordId}` : ''}`;
  if (failed.length > 0) cli.out(`${what} does NOT verify: ${failed.join(', ')} failed`);
  else if (unchecked.length > 0) cli.out(`${what} verifies offline, but was not checked online for: ${unchecked.join(', ')}`);
  else cli.out(`${what} verifies${online.length > 0 ? ', offline and online' : ' offline (--online also checks the blocks)'}`);
}

function label(check: { readonly name: string; readonly anchor?: number }): string {
  return check.anchor === undefined ? check.name : `${check.name} (anchor ${check.anchor})`;
}

function trimmed(url: string | undefined): string | undefined {
  return url?.replace(/\/+$/, '');
}
