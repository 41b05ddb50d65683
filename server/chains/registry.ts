import { ConfigError } from '../config/index.ts';
import { loadLogSigner, operatorKeyOf } from '../log-key-source.ts';
import type { ChainContext } from './chain-context.ts';
import type { ChainRuntime } from './chain-runtime.ts';
import { configureChain, type ConfiguredPluginChain } from './configure-chain.ts';
import { unusedPlugins } from './load-chain-plugin.ts';
import { settingEnv } from './setting-names.ts';
import { startChain } from './start-chain.ts';

/**
 * Starts the enabled chains, each from its plugin (built in, or named by chains.plugins). Every
 * chain's plugin is loaded and its settings read first, so an unknown or broken plugin, a
 * malformed value or a misspelt key stops the start before any local chain is started.
 */
export async function startChains(context: ChainContext): Promise<Map<string, ChainRuntime>> {
  const { config } = context;
  const configured: ConfiguredPluginChain[] = [];
  for (const name of config.chains) configured.push(await configureChain(name, context));
  const unused = unusedPlugins(config);
  if (unused.length > 0) throw new ConfigError(`chains.plugins names ${unused.map((n) => `"${n}"`).join(', ')}, not in chains.enabled (or PUBLISHER_CHAINS)`);
  refuseUnknownSettings(context, configured);

  const operatorKey = context.operatorKey ?? operatorKeyOf(await loadLogSigner(config));
  const started = new Map<string, ChainRuntime>();
  try {
    for (const chain of configured) started.set(chain.name, await startChain(chain, { ...context, operatorKey }));
  } catch (error) {
    await stopChains(started);
    throw error;
  }
  return started;
}

function refuseUnknownSettings({ config, role }: ChainContext, configured: readonly ConfiguredPluginChain[]): void {
  // A worker reads no server.* setting, which the file may hold for the node beside it.
  const unread = config.settings.unread().filter((key) => role === 'server' || !key.startsWith('server.'));
  for (const chain of configured) {
    const key = unread.find((path) => path.startsWith(`chains.${chain.name}.`));
    if (key === undefined) continue;
    throw new ConfigError(`chain "${chain.name}": unknown setting ${key}; it has ${chain.keys.join(', ')} (publisher config --chain ${chain.name} lists them)`);
  }
  if (unread.length > 0) throw new ConfigError(`unknown settings in the configuration file: ${unread.join(', ')}`);
  // The same in the environment, under each chain's prefix (a longer prefix of another enabled
  // chain, e.g. PUBLISHER_BSV_TEST_ for "bsv-test" beside "bsv", is that chain's).
  const prefixes = configured.map((chain) => settingEnv(chain.name, 'x').slice(0, -1));
  for (const [i, chain] of configured.entries()) {
    const prefix = prefixes[i]!;
    const others = prefixes.filter((p) => p !== prefix && p.startsWith(prefix));
    const name = config.settings.unreadEnv(prefix).find((key) => !others.some((p) => key.startsWith(p)));
    if (name !== undefined) throw new ConfigError(`chain "${chain.name}": unknown environment variable ${name}; it has ${chain.keys.join(', ')} (publisher config --chain ${chain.name} lists them with their variables)`);
  }
}

export async function stopChains(chains: ReadonlyMap<string, ChainRuntime>): Promise<void> {
  await Promise.allSettled([...chains.values()].map((c) => c.stop()));
}
