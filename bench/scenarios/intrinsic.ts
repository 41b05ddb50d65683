import type { Intrinsic } from '../harness/intrinsic.ts';
import { loadSnapshot, type LoadSnapshot } from '../harness/machine.ts';
import { num, table } from '../harness/markdown.ts';
import type { ScenarioReport } from '../harness/scenario.ts';

export const INTRINSIC_TITLE = 'I: the intrinsic CPU of one intent (this run)';

/** The report's section on I: its value, its steps, how it was measured. */
export function intrinsicSection(i: Intrinsic, before: LoadSnapshot, command: string, withE: boolean): ScenarioReport {
  const body = [
    `Measured ${new Date().toISOString()} by \`${command}\`, in the bench's own process on one thread, before the scenarios (\`bench/harness/intrinsic.ts\`): ${num(i.intents)} envelopes signed as the load generator signs them (\`bench/lib/intents.ts\`: ~450-byte posts, 256 creator keys, target \`bsv\`), then for each of them \`JSON.parse\`, \`canonicalize\` of the envelope without its signature, SHA-256 (\`node:crypto\`), decoding the signature (base64url) and key (hex), one \`ecdsaVerify\` of the \`secp256k1\` native binding. One warm-up round, then ${i.rounds} rounds over all of them; **I is the median round's CPU time per intent** (\`process.cpuUsage\`, user + system: the thread being descheduled by foreign load does not count, as it does not in the CPU the targets read from \`/proc\`).`,
    '',
    table(
      ['measure', 'µs per intent'],
      [
        ['**I** (median round, CPU)', `**${num(i.us, 1)}**`],
        ['fastest round, CPU', num(i.minUs, 1)],
        ['median round, wall time', num(i.wallUs, 1)],
        ['`JSON.parse` alone', num(i.steps.parse, 1)],
        ['`canonicalize` without the signature alone', num(i.steps.canonicalize, 1)],
        ['SHA-256 alone', num(i.steps.sha256, 1)],
        ['secp256k1 verify alone', num(i.steps.verify, 1)],
      ],
      ['l', 'r'],
    ),
    '',
    'The steps alone are medians of 5 loops each; their sum differs a little from I (one loop per step instead of one pass per intent).',
    '',
    withE
      ? 'E, the node CPU per empty call on the native gRPC port, comes from `publish-unary` in the same run (its section).'
      : '**E was not measured in this run** (`publish-unary` was not in it): this run gives no verdict on targets 2 and 3.',
  ].join('\n');
  return {
    title: INTRINSIC_TITLE,
    target: 'none: the unit the targets are stated in (see Definitions).',
    body,
    loads: [{ label: 'I (intrinsic CPU per intent)', before, after: loadSnapshot() }],
    findings: [`I = ${num(i.us, 1)} µs per intent (verify ${num(i.steps.verify, 1)}, canonicalize ${num(i.steps.canonicalize, 1)}, SHA-256 ${num(i.steps.sha256, 1)}, JSON.parse ${num(i.steps.parse, 1)}).`],
    summary: [['I: intrinsic CPU of one intent, one thread', `${num(i.us, 1)} µs (fastest round ${num(i.minUs, 1)})`, '1 I', 'measured']],
    replaces: { titles: ['I: '], summary: ['I: '], loads: ['I ('] },
    first: true,
  };
}
