import { dirname } from 'node:path';
import type { ChainPlugin } from '../../core/plugin/index.ts';
import { ConfigError, type NodeConfig, type SettingsSource } from '../config/index.ts';
import { importPlugin, PluginLoadError } from '../plugins/index.ts';
import { BUILT_IN_PLUGINS } from './built-in-plugins.ts';
import { checkPlugin } from './check-plugin.ts';

/**
 * The plugin of one enabled chain: `chains.plugins.<name>` (a path relative to publisher.yaml, or an
 * installed package) when given, else the built-in one of that name. A failure names the plugin
 * and the problem, as a configuration error: the node does not start.
 */
export async function loadChainPlugin(name: string, s: SettingsSource): Promise<ChainPlugin> {
  const specifier = s.optionalStr(`chains.plugins.${name}`, null);
  try {
    if (specifier !== undefined) return checkPlugin(name, await importPlugin(name, specifier, dirname(s.fileName || 'publisher.yaml')));
    const builtIn = BUILT_IN_PLUGINS[name];
    if (builtIn === undefined) {
      throw new PluginLoadError(
        name,
        'PLUGIN_NOT_FOUND',
        `unknown chain "${name}" in chains.enabled (or PUBLISHER_CHAINS): not built in (${Object.keys(BUILT_IN_PLUGINS).join(', ')}), and no chains.plugins.${name} names its module (an npm package name or a path)`,
      );
    }
    let module: { default?: unknown };
    try {
      module = await builtIn();
    } catch (cause) {
      throw new PluginLoadError(name, 'PLUGIN_IMPORT_FAILED', `importing the built-in plugin failed: ${(cause as Error).message}`, { cause });
    }
    return checkPlugin(name, module.default);
  } catch (error) {
    if (error instanceof PluginLoadError) throw new ConfigError(`${error.message} (${error.reason})`, { cause: error });
    throw error;
  }
}

/** chains.plugins.<name> given for a chain that is not enabled is a mistake worth saying. */
export function unusedPlugins(config: NodeConfig): string[] {
  return config.settings.keys('chains.plugins').filter((name) => !config.chains.includes(name));
}
