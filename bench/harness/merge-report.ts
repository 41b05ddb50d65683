import type { LoadSnapshot } from './machine.ts';
import type { ScenarioReport } from './scenario.ts';

const loads = (s: LoadSnapshot) => s.load.map((n) => n.toFixed(2)).join(', ');
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/**
 * `--merge`: the sections of the scenarios just run, written into an existing report, the rest of it
 * kept as it was (another run's figures, under its own header). Each section replaces the one
 * with the same `## title` (or goes before the CLI's section and the load table); its summary rows and load rows replace
 * the rows with the same first cell (or are added at the end of their table). A merged section
 * says in its own body when and how it was measured; its findings are not merged.
 */
export function mergeReport(existing: string, sections: readonly ScenarioReport[]): string {
  let lines = existing.split('\n');
  for (const s of sections) {
    const block = [`## ${s.title}`, '', `Target: ${s.target}`, '', s.body, ''];
    const start = lines.indexOf(`## ${s.title}`);
    if (start >= 0) {
      // Up to the next section, or the marker of a section written apart (the CLI's).
      const next = lines.findIndex((l, i) => i > start && (l.startsWith('## ') || l.startsWith('<!-- bench:')));
      lines = [...lines.slice(0, start), ...block, ...lines.slice(next < 0 ? lines.length : next)];
    } else {
      const before = ['## Scenarios that failed', '## CPU profiles', '<!-- bench:cli begin', '## Load average around each measurement'].map((h) => lines.findIndex((l) => l.startsWith(h))).find((i) => i >= 0);
      const at = before ?? lines.length;
      lines = [...lines.slice(0, at), ...block, ...lines.slice(at)];
    }
    lines = upsertRows(lines, '## Summary', s.summary.map((cells) => [...cells]));
    lines = upsertRows(lines, '## Load average around each measurement', s.loads.map((l) => [l.label, loads(l.before), loads(l.after)]));
  }
  return lines.join('\n');
}

/** In the first table after `heading`: each row replaces the row with the same first cell, or is appended. */
function upsertRows(lines: string[], heading: string, rows: string[][]): string[] {
  const out = [...lines];
  const h = out.indexOf(heading);
  if (h < 0) return out;
  const first = out.findIndex((l, i) => i > h && l.startsWith('|'));
  if (first < 0) return out;
  let last = first;
  while (out[last + 1]?.startsWith('|')) last += 1;
  for (const cells of rows) {
    const prefix = `| ${cells[0]} |`;
    const at = out.findIndex((l, i) => i > first + 1 && i <= last && l.startsWith(prefix));
    if (at >= 0) out[at] = row(cells);
    else {
      out.splice(last + 1, 0, row(cells));
      last += 1;
    }
  }
  return out;
}
