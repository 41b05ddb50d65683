import { ConfigError } from '../config/index.ts';
import { arweaveChain } from './arweave-chain.ts';
import { bsvChain } from './bsv-chain.ts';
import type { ChainContext } from './chain-context.ts';
import type { ChainRuntime, ConfiguredChain } from './chain-runtime.ts';

type ChainFactory = (context: ChainContext) => Promise<ConfiguredChain>;

/** Adding a chain: an adapter folder, a `<name>-chain.ts` here, and one line in this map. */
const factories: Record<string, ChainFactory> = {
  bsv: bsvChain,
  arweave: arweaveChain,
};

/**
 * Starts the enabled chains by name. Every chain reads its settings first, so an unknown chain, a
 * malformed value or a misspelt key stops the start before any local chain is started.
 */
export async function startChains(context: ChainContext): Promise<Map<string, ChainRuntime>> {
  const unknown = context.config.chains.filter((name) => !(name in factories));
  if (unknown.length > 0) {
    throw new ConfigError(`unknown chain ${unknown.map((n) => `"${n}"`).join(', ')} in chains.enabled (or PUBLISHER_CHAINS); known chains: ${Object.keys(factories).join(', ')}`);
  }
  const configured: [string, ConfiguredChain][] = [];
  for (const name of context.config.chains) configured.push([name, await factories[name]!(context)]);
  // A worker reads no server.* setting, which the file may hold for the node beside it.
  const unread = context.config.settings.unread().filter((key) => context.role === 'server' || !key.startsWith('server.'));
  if (unread.length > 0) throw new ConfigError(`unknown settings in the configuration file: ${unread.join(', ')}`);

  const started = new Map<string, ChainRuntime>();
  try {
    for (const [name, chain] of configured) started.set(name, await chain.start());
  } catch (error) {
    await stopChains(started);
    throw error;
  }
  return started;
}

export async function stopChains(chains: ReadonlyMap<string, ChainRuntime>): Promise<void> {
  await Promise.allSettled([...chains.values()].map((c) => c.stop()));
}
