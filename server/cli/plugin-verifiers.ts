import { dirname, resolve } from 'node:path';
import { builtInVerifiers, type AnchorVerifier } from '../../sdk/verify/index.ts';
import { ConfigError } from '../config/config-error.ts';
import { readConfigFile } from '../config/read-config-file.ts';
import { importPlugin, PluginLoadError } from '../plugins/index.ts';
import { inputError } from './cli-error.ts';

export interface PluginSources {
  /** `--plugin` modules: paths relative to the working directory, or installed package names. */
  readonly plugins: readonly string[];
  /** `--config`: the node's publisher.yaml, whose `chains.plugins` name the plugins it loads. */
  readonly config: string | undefined;
}

/** The built-in verifiers, then those of the plugins named (a plugin's verifier replaces a built-in one of its chain). */
export async function pluginVerifiers({ plugins, config }: PluginSources, cwd: string): Promise<AnchorVerifier[]> {
  const named: [name: string, specifier: string, baseDir: string][] = plugins.map((specifier) => [specifier, specifier, cwd]);
  if (config !== undefined) {
    const path = resolve(cwd, config);
    for (const [name, specifier] of configuredPlugins(path)) named.push([name, specifier, dirname(path)]);
  }
  const loaded: AnchorVerifier[] = [];
  for (const [name, specifier, baseDir] of named) {
    try {
      loaded.push(verifierOf(name, await importPlugin(name, specifier, baseDir), name !== specifier));
    } catch (error) {
      if (error instanceof PluginLoadError) throw inputError(error.message, { cause: error });
      throw error;
    }
  }
  return [...builtInVerifiers, ...loaded];
}

/** `chains.plugins` of a node's configuration file: chain name to module. */
function configuredPlugins(path: string): [string, string][] {
  let file: Record<string, unknown>;
  try {
    file = readConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigError) throw inputError(error.message, { cause: error });
    throw error;
  }
  const chains = file['chains'];
  const plugins = typeof chains === 'object' && chains !== null ? (chains as Record<string, unknown>)['plugins'] : undefined;
  if (plugins === undefined) return [];
  if (typeof plugins !== 'object' || plugins === null || Array.isArray(plugins)) throw inputError(`${path}: chains.plugins must map chain names to modules`);
  return Object.entries(plugins).map(([name, specifier]) => {
    if (typeof specifier !== 'string') throw inputError(`${path}: chains.plugins.${name} must be a module path or package name`);
    return [name, specifier];
  });
}

function verifierOf(name: string, plugin: unknown, nameKnown: boolean): AnchorVerifier {
  const invalid = (what: string) => new PluginLoadError(name, 'PLUGIN_INVALID', what);
  if (typeof plugin !== 'object' || plugin === null) throw invalid('its default export is not a plugin object');
  const { name: pluginName, verifier } = plugin as { name?: unknown; verifier?: unknown };
  if (typeof verifier !== 'object' || verifier === null) throw invalid('it has no verifier');
  const { chain, verify } = verifier as { chain?: unknown; verify?: unknown };
  if (typeof chain !== 'string' || typeof verify !== 'function') throw invalid('its verifier is not { chain, verify(anchor, context) }');
  if (chain !== pluginName) throw invalid(`its verifier checks chain ${JSON.stringify(chain)}, the plugin is ${JSON.stringify(pluginName)}`);
  if (nameKnown && chain !== name) throw invalid(`it is the plugin of chain ${JSON.stringify(chain)}, configured as ${JSON.stringify(name)}`);
  return verifier as AnchorVerifier;
}
