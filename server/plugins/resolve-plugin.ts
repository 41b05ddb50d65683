import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PluginLoadError } from './plugin-load-error.ts';

/**
 * The file a plugin specifier names, as Node would import it: a path (`./x`, `../x`, `/x`; a
 * folder is a package, its `exports` or `main`) relative to `baseDir`, or a package name
 * (`chain-publisher-filelog`, `@scope/name/sub`) looked up in the `node_modules` folders from
 * `baseDir` up. Written out because Node 20 resolves only from the importing module.
 */
export function resolvePlugin(name: string, specifier: string, baseDir: string): string {
  if (specifier === '') throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', 'no module named (an empty specifier)');
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const path = resolve(baseDir, specifier);
    if (!existsSync(path)) throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', `${path} does not exist`);
    return statSync(path).isDirectory() ? packageEntry(name, path, '.') : path;
  }
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  const subpath = ['.', ...parts.slice(specifier.startsWith('@') ? 2 : 1)].join('/');
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', packageName);
    if (existsSync(join(candidate, 'package.json'))) return packageEntry(name, candidate, subpath);
    if (dirname(dir) === dir) break;
  }
  throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', `package ${packageName} is not installed in a node_modules folder from ${baseDir} up (npm install ${packageName})`);
}

/** A package's file for `subpath` ("." or "./sub"): its `exports` (conditions import, node, default), else `main` or index.js. */
function packageEntry(name: string, dir: string, subpath: string): string {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) {
    throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', `${dir} is a folder without package.json: name the plugin's module file, or make the folder a package`);
  }
  let manifest: { exports?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new PluginLoadError(name, 'PLUGIN_INVALID', `${manifestPath} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const { exports } = manifest;
  let target: unknown;
  if (exports === undefined) target = subpath === '.' ? (typeof manifest.main === 'string' ? manifest.main : 'index.js') : subpath;
  else if (typeof exports === 'string' || !isSubpathMap(exports)) target = subpath === '.' ? exports : undefined;
  else target = exports[subpath];
  const file = conditionTarget(target);
  if (file === undefined) throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', `${manifestPath} exports nothing for "${subpath}" to import`);
  const path = resolve(dir, file);
  if (!existsSync(path)) throw new PluginLoadError(name, 'PLUGIN_NOT_FOUND', `${path}, the entry ${manifestPath} names, does not exist`);
  return path;
}

function isSubpathMap(exports: unknown): exports is Record<string, unknown> {
  return typeof exports === 'object' && exports !== null && Object.keys(exports).some((key) => key.startsWith('.'));
}

/** The file a package `exports` target names for an importing Node: a string, or the first of the conditions import, node, default. */
function conditionTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map(conditionTarget).find((file) => file !== undefined);
  if (typeof target !== 'object' || target === null) return undefined;
  const conditions = target as Record<string, unknown>;
  for (const condition of ['import', 'node', 'default']) {
    const file = conditionTarget(conditions[condition]);
    if (file !== undefined) return file;
  }
  return undefined;
}
