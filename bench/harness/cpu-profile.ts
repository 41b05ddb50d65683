import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { num, pct, table } from './markdown.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * The hottest functions by self time in the .cpuprofile files V8 wrote into `dir` (node
 * --cpu-prof, written when the process exits), as a Markdown table. Evidence for "Bottlenecks
 * seen"; the profiler itself slows the node, so profiled runs are never the reported numbers.
 * The first `skipFirstMs` of each profile (start-up: compiling modules, creating dev keys) are
 * left out, so what remains is the node under load.
 */
export async function summariseProfiles(dir: string, skipFirstMs: number, top = 15): Promise<string> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return '_no profile was written (the node did not exit cleanly)_';
  // V8 names each file CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; thread 0 is a
  // process's main thread (its event loop), the others are worker threads (intake threads).
  const isMain = (f: string) => f.split('.')[4] === '0';
  const groups = [
    { title: 'event loops (main threads)', files: files.filter(isMain) },
    { title: 'worker threads', files: files.filter((f) => !isMain(f)) },
  ].filter((g) => g.files.length > 0);
  const parts: string[] = [];
  for (const group of groups) parts.push(`#### ${group.title}\n\n${await summariseGroup(dir, group.files, skipFirstMs, top)}`);
  return parts.join('\n\n');
}

async function summariseGroup(dir: string, files: readonly string[], skipFirstMs: number, top: number): Promise<string> {
  const self = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  let span = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    // Time per sample when the deltas are there (µs), else hit counts.
    const weight = new Map<number, number>();
    if (!profile.samples || !profile.timeDeltas) continue;
    span += Math.max(0, profile.endTime - profile.startTime - skipFirstMs * 1_000);
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas![i] ?? 0;
      at += delta;
      if (at - profile.startTime >= skipFirstMs * 1_000) weight.set(id, (weight.get(id) ?? 0) + delta);
    });
    for (const [id, w] of weight) {
      const frame = byId.get(id)?.callFrame;
      if (!frame) continue;
      const name = frame.functionName || '(anonymous)';
      if (name === '(idle)' || name === '(program)') continue;
      const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
      const key = `${name} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + w);
      byOrigin.set(origin(frame.url, name), (byOrigin.get(origin(frame.url, name)) ?? 0) + w);
      total += w;
    }
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  const origins = [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return table(
    ['where the self time is (package or folder)', 'share'],
    origins.map(([k, w]) => [k, pct(w / total)]),
    ['l', 'r'],
  ) + '\n\n' + table(
    ['function (self time)', 'share of busy samples'],
    rows.map(([k, w]) => [`\`${k}\``, pct(w / total)]),
    ['l', 'r'],
  ) + `\n\n${num(total / 1e6, 1)} s of busy samples in ${files.length} profile(s), ${pct(span > 0 ? total / span : 0)} of their length after start-up.`;
}

/** The npm package, the project folder (core, server, adapters, devnet) or the runtime a frame belongs to. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : 'native (C++ bindings, syscalls)';
  if (url.startsWith('node:')) return 'Node.js internals';
  const rel = shorten(url);
  const pkg = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(rel)?.[1];
  if (url.includes('/node_modules/')) return `npm: ${pkg ?? rel}`;
  return pkg ? `${pkg}/` : rel;
}

function shorten(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const rel = path.startsWith(root) ? relative(root, path) : path;
  return rel.replace(/^(?:.*\/)?node_modules\//, '');
}
