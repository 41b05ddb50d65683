import type { LoadSnapshot } from '../harness/machine.ts';
import { ms, num, table, verdict } from '../harness/markdown.ts';
import type { CliStartResult } from './measure-cli-start.ts';

/** "Within a few times a bare node start" (issue 17), read as at most this many times its median. */
export const CLI_START_MAX_RATIO = 3;

const BEGIN = '<!-- bench:cli begin (npm run bench -- --only cli rewrites this section) -->';
const END = '<!-- bench:cli end -->';

const loads = (s: LoadSnapshot) => s.load.map((n) => n.toFixed(2)).join(', ');

/** The "CLI start-up" section of docs/benchmarks.md, between markers so it can be rewritten alone. */
export function cliStartSection(result: CliStartResult, command: string, at: Date): string {
  const base = result.timings[0]!;
  const measured = result.timings.filter((t) => !t.reference && t !== base);
  const rows = result.timings.map((t) => [
    t.label,
    `\`${t.command}\``,
    num(t.samples.length),
    ms(t.median),
    ms(t.min),
    t === base ? '1' : `${num(t.median / base.median, 1)}×`,
    t === base || t.reference ? '' : verdict(t.median <= CLI_START_MAX_RATIO * base.median),
  ]);
  return [
    BEGIN,
    '## CLI start-up',
    '',
    `Target: \`publisher --help\` and an offline \`publisher verify proof.json\` stay within a few times a bare \`node -e 0\` start (read as at most ${CLI_START_MAX_RATIO}× its median), on this machine.`,
    '',
    `Measured ${at.toISOString()} by \`${command}\`: each command run ${result.runs} times round-robin from the repository root (the references fewer), wall time from spawn to exit, in ms. Load average ${loads(result.before)} before, ${loads(result.after)} after: under foreign load every figure grows, the ratios less.`,
    '',
    table(['', 'command', 'runs', 'median', 'min', 'median / node -e 0', 'verdict'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l']),
    '',
    `The CLI runs from an esbuild bundle of its sources (\`dist/cli\`, rebuilt by \`bin/publisher.mjs\` when a source changed), one chunk per command, so \`--help\` loads no command and \`verify\` loads neither the node client nor protobuf. "From the sources" is how it ran before: tsx compiling on the fly (its loader and esbuild service are most of the cost). \`npx\` adds npm's own start-up to whichever runs: the README calls \`node bin/publisher.mjs\`.`,
    '',
    `Verdict: ${measured.map((t) => `${t.label} ${num(t.median / base.median, 1)}× ${verdict(t.median <= CLI_START_MAX_RATIO * base.median)}`).join('; ')}.`,
    END,
  ].join('\n');
}

/** The report with its CLI section replaced, or inserted before the load averages (or at the end) if it has none. */
export function withCliStartSection(report: string, section: string): string {
  const begin = report.indexOf(BEGIN);
  const end = report.indexOf(END);
  if (begin >= 0 && end > begin) return `${report.slice(0, begin)}${section}${report.slice(end + END.length)}`;
  const anchor = report.indexOf('\n## Load average around each measurement');
  if (anchor >= 0) return `${report.slice(0, anchor + 1)}${section}\n\n${report.slice(anchor + 1)}`;
  return `${report.trimEnd()}\n\n${section}\n`;
}
