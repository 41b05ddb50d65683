// The CLI as JavaScript: an esbuild bundle of server/cli/main.ts under dist/cli, one chunk per
// command (so `--help` loads none of them), rebuilt whenever a source it was built from changed.
// tsx's loader alone costs several times Node's own start-up (docs/decisions.md, "CLI start-up").
import { readFileSync, statSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundles = join(root, 'dist', 'cli');
/** Names the current build and what it was built from: `{ dir, builtAt, inputs }`. */
const CURRENT = 'current.json';
/** Older builds are removed after this long: a long-running command may still load chunks of its own. */
const KEEP_OLD_MS = 3_600_000;

/** The bundle's entry file, built first if missing or stale; undefined when it cannot be built here (then run the sources). */
export async function cliBundle(dir = bundles) {
  const current = freshBuild(dir);
  if (current !== undefined) return join(dir, current, 'main.js');
  try {
    return await rebuild(dir);
  } catch {
    return undefined;
  }
}

/** The current build's directory name if every input it read still exists and is older than it. */
export function freshBuild(dir) {
  let current;
  try {
    current = JSON.parse(readFileSync(join(dir, CURRENT), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof current.dir !== 'string' || typeof current.builtAt !== 'number' || !Array.isArray(current.inputs)) return undefined;
  for (const input of current.inputs) {
    const stats = statSync(join(root, input), { throwIfNoEntry: false });
    if (stats === undefined || stats.mtimeMs >= current.builtAt) return undefined;
  }
  return current.dir;
}

/** esbuild's options: the project's packages stay imports, each command's code a chunk of its own. */
export function bundleOptions(outdir) {
  return {
    absWorkingDir: root,
    entryPoints: ['server/cli/main.ts'],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
  };
}

/**
 * Each build goes to a directory of its own and then becomes current by an atomic rename of
 * current.json: concurrent runs never import half a bundle, nor one another removes.
 */
async function rebuild(dir) {
  const { build } = await import('esbuild');
  const builtAt = Date.now(); // before reading: a source saved during the build makes the next run build again
  const name = `${builtAt}-${process.pid}`;
  const result = await build(bundleOptions(join(dir, name)));
  const pending = join(dir, `${CURRENT}.${name}`);
  await writeFile(pending, JSON.stringify({ dir: name, builtAt, inputs: Object.keys(result.metafile.inputs) }));
  await rename(pending, join(dir, CURRENT));
  await removeOldBuilds(dir, name).catch(() => undefined);
  return join(dir, name, 'main.js');
}

async function removeOldBuilds(dir, keep) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const path = join(dir, entry.name);
    if (Date.now() - (await stat(path)).mtimeMs > KEEP_OLD_MS) await rm(path, { recursive: true, force: true });
  }
}
