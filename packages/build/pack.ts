/**
 * `npm run pack:packages [-- --no-build] [--out DIR]`: builds every package (packages/build/build.ts),
 * then packs each into a tarball, in a new folder under the system's temp directory unless --out
 * names one. Prints the tarballs' paths, one a line.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES } from './package-specs.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Packs the packages (built already) into `dest`; returns the tarballs' paths. Folders, not
 * `--workspaces`: @chain-publisher/node is no workspace member, so that in this repository
 * `npx publisher` stays bin/publisher.mjs on the sources, not a build that may be missing or stale.
 */
export function packPackages(dest: string): string[] {
  const folders = PACKAGES.map((spec) => `./packages/${spec.dir}`);
  const npm = spawnSync('npm', ['pack', ...folders, '--json', '--pack-destination', dest], { cwd: root, encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`npm pack failed (${npm.status}):\n${npm.stderr}`);
  const packed = JSON.parse(npm.stdout) as { filename: string }[];
  return packed.map((entry) => join(dest, entry.filename));
}

/** Builds every package (packages/build/build.ts); `docs`: also write the SDK's sizes into docs/benchmarks.md. */
export function buildPackages(options: { docs: boolean }): void {
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages', 'build', 'build.ts'), ...(options.docs ? [] : ['--no-docs'])], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the packages failed (${build.status})`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.indexOf('--out');
  const dest = out >= 0 && args[out + 1] !== undefined ? resolve(args[out + 1]!) : await mkdtemp(join(tmpdir(), 'chain-publisher-packages-'));
  await mkdir(dest, { recursive: true });
  if (!args.includes('--no-build')) buildPackages({ docs: true });
  for (const tarball of packPackages(dest)) console.log(tarball);
}
