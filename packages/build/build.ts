/**
 * Builds the published packages (packages/<dir>/dist) from the repository's sources:
 * `node --import tsx packages/build/build.ts [dir…] [--no-docs]` (npm run build:packages builds them all).
 * JavaScript: one esbuild bundle per package, npm dependencies kept as imports (checked against the
 * package's package.json). Declarations: tsc over every entry, each package taking the .d.ts files
 * its entries reach. The SDK's sizes are printed and written into docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PACKAGES, type PackageSpec } from './package-specs.ts';
import { measureSdk, sdkSizeSection, withSdkSizeSection } from './sdk-size.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Scratch space: the declarations tsc writes, before each package takes its share. */
const work = join(root, 'node_modules', '.cache', 'chain-publisher-packages');

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** One tsc run over every entry of the packages built: declarations under the scratch folder's types/, mirroring the repository. */
async function emitDeclarations(list: readonly PackageSpec[]): Promise<void> {
  await rm(join(work, 'types'), { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const files = list.flatMap((spec) => Object.values(spec.entries)).map((file) => join(root, file));
  const config = {
    extends: join(root, 'tsconfig.json'),
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: './types', rootDir: root, paths: {} },
    include: [],
    files,
  };
  await writeFile(join(work, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(work, 'tsconfig.json')], { stdio: 'inherit' });
  // Type errors are the typecheck's to report (npm run typecheck); tsc still writes every declaration.
  if (tsc.status !== 0 && tsc.status !== 2) throw new Error(`tsc could not emit the declarations (exit ${tsc.status})`);
}

async function buildPackage(spec: PackageSpec): Promise<void> {
  const dir = join(root, 'packages', spec.dir);
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
  const dist = join(dir, 'dist');
  await rm(dist, { recursive: true, force: true });
  const entryPoints = [
    ...Object.entries(spec.entries).map(([subpath, file]) => ({ in: file, out: subpath === '.' ? 'index' : subpath.slice(2) })),
    ...Object.entries(spec.scripts ?? {}).map(([out, file]) => ({ in: file, out })),
  ];
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: spec.platform,
    target: spec.platform === 'node' ? 'node20' : 'es2022',
    packages: 'external',
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceEdits(spec, manifest)],
  });
  const imported = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) for (const use of output.imports) if (use.external) imported.add(use.path);
  if (spec.dir === 'node') await writeWebPage(join(dist, 'web'));
  for (const [from, to] of Object.entries(spec.copy ?? {})) await cp(join(root, from), join(dist, to), { recursive: true });
  for (const file of await declarationClosure(Object.values(spec.entries))) {
    const target = join(dist, 'types', file);
    await mkdir(dirname(target), { recursive: true });
    const text = await readFile(join(work, 'types', file), 'utf8');
    // Relative imports name .ts sources; installed, they are the .d.ts files beside them.
    await writeFile(target, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
    for (const specifier of bareImports(text)) imported.add(specifier);
  }
  checkDependencies(manifest, imported, spec.undeclared ?? []);
  const builtins = [...imported].filter((specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier));
  // A neutral package (the SDK, the API) runs in browsers: no Node built-ins, not even in its declarations.
  if (spec.platform === 'neutral' && builtins.length > 0) throw new Error(`${manifest.name} is for browsers too, and imports ${builtins.join(', ')}`);
  console.log(`${manifest.name}@${manifest.version}: built into ${relative(root, dist)}`);
}

/** The package.json version import, replaced and patched sources, other packages' sources as those packages. */
function sourceEdits(spec: PackageSpec, manifest: Manifest): Plugin {
  return {
    name: 'chain-publisher-package',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /(^|\/)package\.json$/ }, (args) => (args.path.startsWith('.') ? { path: 'version', namespace: 'package-json' } : undefined));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'package-json' }, () => ({ contents: JSON.stringify({ version: manifest.version }), loader: 'json' }));
      pluginBuild.onResolve({ filter: /^\./ }, (args) => {
        const path = relative(root, resolve(args.resolveDir, args.path));
        const external = spec.externalSources?.[path];
        if (external !== undefined) return { path: external, external: true };
        const replacement = spec.replace?.[path];
        if (replacement !== undefined) return { path: join(root, 'packages', 'build', 'replacements', replacement) };
        // A library's sources do nothing when imported, so a door (index.ts) re-exporting more than
        // an entry uses costs nothing: the rest, and the npm packages only it imports, are left out.
        if (spec.dir !== 'node') {
          const file = resolve(args.resolveDir, args.path);
          if (file.endsWith('.ts') && existsSync(file)) return { path: file, sideEffects: false };
        }
        return undefined;
      });
      pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        const edits = spec.patch?.[relative(root, args.path)];
        if (edits === undefined) return undefined;
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!text.includes(from)) throw new Error(`${args.path} no longer contains ${from}: update packages/build/package-specs.ts`);
          text = text.replace(from, to);
        }
        if (text.includes('installedNode(')) text += INSTALLED_NODE;
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

const INSTALLED_NODE = `
import { createRequire as requireFromKit } from 'node:module';
/** A script of the installed @chain-publisher/node: main (the node) or cli (publisher). */
function installedNode(script: 'main' | 'cli'): string {
  return requireFromKit(import.meta.url).resolve('@chain-publisher/node/' + script);
}
`;

/** The page the node serves, bundled now (the sources' server/http/web-page-bundle.ts does it at start-up). */
async function writeWebPage(dir: string): Promise<void> {
  const { buildWebPage } = await import('../../server/http/web-page-bundle.ts');
  const page = await buildWebPage();
  await mkdir(dir, { recursive: true });
  const types: Record<string, string> = {};
  for (const [name, asset] of Object.entries(page.assets)) {
    await writeFile(join(dir, name), asset.body);
    types[name] = asset.contentType;
  }
  await writeFile(join(dir, 'assets.json'), JSON.stringify(types, null, 2));
}

/** The emitted .d.ts files (repository-relative) that the entries reach through relative imports. */
async function declarationClosure(entries: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = entries.map((file) => file.replace(/\.ts$/, '.d.ts'));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(work, 'types', file), 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = relative(join(work, 'types'), resolve(join(work, 'types', dirname(file)), match[1]!)).replace(/\.(ts|js)$/, '.d.ts');
      queue.push(target.endsWith('.d.ts') ? target : `${target}.d.ts`);
    }
  }
  return [...seen];
}

function bareImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\()['"]([^'"./][^'"]*)['"]/g)].map((match) => match[1]!);
}

/** Every npm package the built files import is declared in package.json (dependencies, peer or optional). */
function checkDependencies(manifest: Manifest, imported: ReadonlySet<string>, undeclared: readonly string[]): void {
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const specifier of imported) {
    if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    if (name.includes('${') || name === manifest.name || undeclared.includes(name)) continue;
    if (!declared.has(name)) missing.add(name);
  }
  if (missing.size > 0) throw new Error(`${manifest.name} imports ${[...missing].join(', ')} without declaring it in package.json`);
}

const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('--'));
const specs = wanted.length === 0 ? PACKAGES : PACKAGES.filter((spec) => wanted.includes(spec.dir));
if (specs.length !== Math.max(wanted.length, specs.length)) throw new Error(`unknown package among ${wanted.join(', ')}: ${PACKAGES.map((p) => p.dir).join(', ')}`);

await emitDeclarations(specs);
for (const spec of specs) await buildPackage(spec);
if (specs.some((spec) => spec.dir === 'sdk')) {
  const sizes = await measureSdk(join(root, 'packages', 'sdk'));
  for (const size of sizes) console.log(`sdk size: ${size.label}: ${size.minified} B minified, ${size.gzipped} B gzipped`);
  const report = join(root, 'docs', 'benchmarks.md');
  // --no-docs: the sizes are printed only (the test of the installed packages builds them too).
  if (!args.includes('--no-docs')) await writeFile(report, withSdkSizeSection(await readFile(report, 'utf8'), sdkSizeSection(sizes, new Date())));
}
