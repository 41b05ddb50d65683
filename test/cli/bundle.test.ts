import { build, type Metafile } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, cliBundle, freshBuild } from '../../bin/cli-bundle.mjs';
import { runCli } from './support/run-cli.ts';

// What the CLI loads decides how fast it starts (`npm run bench -- --only cli` has the figures);
// these tests pin what it loads, never how long it takes.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Packages (not node: built-ins) a chunk loads before it runs: its static imports, through shared chunks. */
function packagesLoadedBy(metafile: Metafile, output: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) {
        if (!imported.path.startsWith('node:')) found.add(imported.path);
      } else visit(imported.path);
    }
  };
  visit(output);
  return found;
}

describe('the bundled CLI', () => {
  it('loads no package for --help, and neither the node client nor protobuf to verify a proof offline', async () => {
    const { metafile } = await build({ ...bundleOptions(join(dir, 'inspect')), write: false });
    const outputs = Object.entries(metafile.outputs);
    const entry = outputs.find(([, output]) => output.entryPoint === 'server/cli/main.ts')?.[0];
    const verify = outputs.find(([path]) => /\/verify-[A-Z0-9]+\.js$/.test(path))?.[0];
    expect(entry).toBeDefined();
    expect(verify).toBeDefined();
    expect([...packagesLoadedBy(metafile, entry!)]).toEqual([]);
    const forVerify = [...packagesLoadedBy(metafile, verify!)];
    expect(forVerify.filter((name) => /^@connectrpc\/|^@bufbuild\//.test(name))).toEqual([]);
    // Each command is a chunk of its own, loaded when it runs.
    expect(metafile.outputs[entry!]!.imports.filter((imported) => imported.kind === 'dynamic-import').length).toBeGreaterThanOrEqual(14);
  });

  it('is built once and reused while its sources are unchanged; a newer or missing source rebuilds it', async () => {
    const bundles = join(dir, 'bundles');
    const first = await cliBundle(bundles);
    expect(first).toMatch(/main\.js$/);
    const built = freshBuild(bundles);
    expect(built).toBeDefined();
    const current = JSON.parse(await readFile(join(bundles, 'current.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    expect(current.inputs).toEqual(expect.arrayContaining(['server/cli/main.ts', 'server/cli/commands/verify.ts', 'package.json']));
    expect(await cliBundle(bundles)).toBe(first);

    // A source saved after the build (as if edited): stale.
    await writeFile(join(bundles, 'current.json'), JSON.stringify({ ...current, builtAt: 0 }));
    expect(freshBuild(bundles)).toBeUndefined();
    // An input that no longer exists: stale too.
    await writeFile(join(bundles, 'current.json'), JSON.stringify({ ...current, inputs: [...current.inputs, 'server/cli/gone.ts'] }));
    expect(freshBuild(bundles)).toBeUndefined();
    const second = await cliBundle(bundles);
    expect(second).not.toBe(first);
    expect(freshBuild(bundles)).toBeDefined();
  });

  it('answers as the sources do when run through tsx', async () => {
    const cwd = dir;
    const [bundled, sources] = await Promise.all([runCli(['--help'], { cwd }), runCli(['--help'], { cwd, env: { PUBLISHER_CLI_FROM_SOURCES: '1' } })]);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(sources.stdout);
  });
});
