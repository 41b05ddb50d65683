import { join } from 'node:path';
import type { ChainPlugin, SettingValues } from '../../core/plugin/index.ts';
import { ConfigError } from '../config/index.ts';
import type { ChainContext } from './chain-context.ts';
import { CORE_SETTING_KEYS, coreChainSettings, coreSettingDeclarations } from './core-chain-settings.ts';
import { loadChainPlugin } from './load-chain-plugin.ts';
import { readDeclaredSettings } from './read-declared-settings.ts';

/** One enabled chain, its plugin loaded and every setting read and checked; nothing of it runs yet. */
export interface ConfiguredPluginChain {
  readonly name: string;
  readonly plugin: ChainPlugin;
  readonly settings: SettingValues;
  readonly secrets: Readonly<Record<string, string>>;
  /** The chain's own folder in the node's data directory. */
  readonly dataDir: string;
  readonly core: ReturnType<typeof coreChainSettings>;
  /** Every key it has under `chains.<name>.`: the plugin's, then the core's. */
  readonly keys: readonly string[];
}

/** Loads the plugin of chain `name` and reads its declared settings and the core's settings for it. */
export async function configureChain(name: string, { config }: ChainContext): Promise<ConfiguredPluginChain> {
  const plugin = await loadChainPlugin(name, config.settings);
  const clash = plugin.settings.find((setting) => CORE_SETTING_KEYS.includes(setting.key));
  if (clash !== undefined) throw new ConfigError(`plugin ${name}: it declares ${clash.key}, a setting the node reads for every chain (PLUGIN_INVALID)`);
  const dataDir = join(config.dataDir, name);
  const scope = { chain: name, profile: config.profile, dataDir: config.dataDir, chainDir: dataDir };
  const { settings, secrets } = await readDeclaredSettings(config.settings, plugin.settings, scope);
  const coreDeclarations = coreSettingDeclarations(plugin, settings, config.profile);
  const core = await readDeclaredSettings(config.settings, coreDeclarations, scope);
  const keys = [...plugin.settings, ...coreDeclarations].map((setting) => setting.key);
  return { name, plugin, settings, secrets, dataDir, core: coreChainSettings(core.settings), keys };
}
