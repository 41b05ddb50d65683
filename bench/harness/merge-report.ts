import type { LoadSnapshot } from './machine.ts';
import { DEFINITIONS, SUMMARY_HEADER } from './report.ts';
import type { ScenarioReport } from './scenario.ts';

const loads = (s: LoadSnapshot) => s.load.map((n) => n.toFixed(2)).join(', ');
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/**
 * `--merge`: the sections of the scenarios just run, written into an existing report, the rest of it
 * kept as it was (another run's figures, under its own header). Each section replaces the one
 * with the same `## title`, or one its scenario wrote before under another title (`replaces`), or goes
 * before the CLI's section and the load table; its summary rows and load rows replace the rows with
 * the same first cell or one of its former prefixes (or are added at the end of their table). A
 * report of an older format gets the Definitions and the Summary's current columns. A merged section
 * says when and how it was measured (`stamp`, unless its body begins with its own); its findings are not merged.
 */
export function mergeReport(existing: string, sections: readonly ScenarioReport[], stamp: string): string {
  let lines = withDefinitions(withSummaryHeader(existing.split('\n')));
  for (const s of sections) {
    // The report's header is another run's: the section says which run it comes from.
    const block = [`## ${s.title}`, '', `Target: ${s.target}`, '', ...(s.body.startsWith('Measured ') ? [] : [stamp, '']), s.body, ''];
    const titles = [s.title, ...(s.replaces?.titles ?? [])];
    const start = lines.findIndex((l) => l.startsWith('## ') && titles.some((t) => l === `## ${t}` || l.startsWith(`## ${t}`)));
    if (start >= 0) {
      // Up to the next section, or the marker of a section written apart (the CLI's).
      const next = lines.findIndex((l, i) => i > start && (l.startsWith('## ') || l.startsWith('<!-- bench:')));
      lines = [...lines.slice(0, start), ...block, ...lines.slice(next < 0 ? lines.length : next)];
    } else if (s.first) {
      const summary = lines.indexOf('## Summary');
      const at = lines.findIndex((l, i) => i > summary && l.startsWith('## '));
      lines = at < 0 || summary < 0 ? [...lines, ...block] : [...lines.slice(0, at), ...block, ...lines.slice(at)];
    } else {
      const before = ['## Scenarios that failed', '## CPU profiles', '<!-- bench:', '## Load average around each measurement'].map((h) => lines.findIndex((l) => l.startsWith(h))).find((i) => i >= 0);
      const at = before ?? lines.length;
      lines = [...lines.slice(0, at), ...block, ...lines.slice(at)];
    }
    lines = upsertRows(lines, '## Summary', s.summary.map((cells) => [...cells]), s.replaces?.summary ?? [], s.first);
    lines = upsertRows(lines, '## Load average around each measurement', s.loads.map((l) => [l.label, loads(l.before), loads(l.after)]), s.replaces?.loads ?? []);
  }
  return lines.join('\n');
}

/** An older report's Summary had no ratio column: its header gets the current columns, its rows a "—". */
function withSummaryHeader(lines: string[]): string[] {
  const h = lines.indexOf('## Summary');
  const first = lines.findIndex((l, i) => i > h && l.startsWith('|'));
  if (h < 0 || first < 0 || lines[first] === row(SUMMARY_HEADER)) return lines;
  const out = [...lines];
  out[first] = row(SUMMARY_HEADER);
  out[first + 1] = row(SUMMARY_HEADER.map(() => '---'));
  for (let i = first + 2; out[i]?.startsWith('|'); i++) {
    const cells = out[i]!.slice(2, -2).split(' | ');
    if (cells.length < SUMMARY_HEADER.length) out[i] = row([...cells.slice(0, -1), ...Array<string>(SUMMARY_HEADER.length - cells.length).fill('—'), ...cells.slice(-1)]);
  }
  return out;
}

/** The Definitions the targets are stated in, before "Machine and run", if the report has none. */
function withDefinitions(lines: string[]): string[] {
  if (lines.includes(DEFINITIONS[0])) return lines;
  const at = lines.indexOf('## Machine and run');
  return at < 0 ? lines : [...lines.slice(0, at), ...DEFINITIONS, '', ...lines.slice(at)];
}

/**
 * In the first table after `heading`: rows whose first cell starts with one of `former` go (the new
 * rows take the place of the first of them); then each row replaces the row with the same first cell, or is appended.
 */
function upsertRows(lines: string[], heading: string, rows: string[][], former: readonly string[], atTop = false): string[] {
  const out = [...lines];
  const h = out.indexOf(heading);
  if (h < 0) return out;
  const first = out.findIndex((l, i) => i > h && l.startsWith('|'));
  if (first < 0) return out;
  let last = first;
  while (out[last + 1]?.startsWith('|')) last += 1;
  let insertAt = atTop ? first + 2 : last + 1;
  for (let i = last; i > first + 1; i--) {
    if (former.some((prefix) => out[i]!.startsWith(`| ${prefix}`))) {
      out.splice(i, 1);
      last -= 1;
      insertAt = i;
    }
  }
  for (const cells of rows) {
    const prefix = `| ${cells[0]} |`;
    const at = out.findIndex((l, i) => i > first + 1 && i <= last && l.startsWith(prefix));
    if (at >= 0) out[at] = row(cells);
    else {
      out.splice(insertAt, 0, row(cells));
      insertAt += 1;
      last += 1;
    }
  }
  return out;
}
