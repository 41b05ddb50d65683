import { pathToFileURL } from 'node:url';
import { PluginLoadError } from './plugin-load-error.ts';
import { resolvePlugin } from './resolve-plugin.ts';

/**
 * Imports a chain plugin module (a path relative to `baseDir`, or an installed package name) and
 * returns its default export, unchecked. A plugin in TypeScript loads where no TypeScript loader
 * runs (the bundled CLI) through tsx, registered on first need.
 */
export async function importPlugin(name: string, specifier: string, baseDir: string): Promise<unknown> {
  const path = resolvePlugin(name, specifier, baseDir);
  let module: Record<string, unknown>;
  try {
    module = await importFile(path);
  } catch (error) {
    throw new PluginLoadError(name, 'PLUGIN_IMPORT_FAILED', `importing ${path} failed: ${(error as Error).message}`, { cause: error });
  }
  if (module['default'] === undefined) throw new PluginLoadError(name, 'PLUGIN_INVALID', `${path} has no default export (a plugin module default-exports its ChainPlugin)`);
  return module['default'];
}

let tsxRegistered = false;

async function importFile(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (tsxRegistered || (error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
    // Node keeps the failed import of this URL; a query makes it another module for the loader.
    return (await import(`${url}?typescript`)) as Record<string, unknown>;
  }
}
