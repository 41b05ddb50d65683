import { ConfigError } from '../config/index.ts';
import { arweaveChain } from './arweave-chain.ts';
import { bsvChain } from './bsv-chain.ts';
import type { ChainContext } from './chain-context.ts';
import type { ChainRuntime } from './chain-runtime.ts';

type ChainFactory = (context: ChainContext) => Promise<ChainRuntime>;

/** Adding a chain: an adapter folder, a `<name>-chain.ts` here, and one line in this map. */
const factories: Record<string, ChainFactory> = {
  bsv: bsvChain,
  arweave: arweaveChain,
};

/** Starts the enabled chains by name; an unknown name fails with the list of known ones. */
export async function startChains(context: ChainContext): Promise<Map<string, ChainRuntime>> {
  const unknown = context.config.chains.filter((name) => !(name in factories));
  if (unknown.length > 0) {
    throw new ConfigError(`unknown chain ${unknown.map((n) => `"${n}"`).join(', ')} in chains.enabled (or PUBLISHER_CHAINS); known chains: ${Object.keys(factories).join(', ')}`);
  }
  const started = new Map<string, ChainRuntime>();
  try {
    for (const name of context.config.chains) started.set(name, await factories[name]!(context));
  } catch (error) {
    await stopChains(started);
    throw error;
  }
  return started;
}

export async function stopChains(chains: ReadonlyMap<string, ChainRuntime>): Promise<void> {
  await Promise.allSettled([...chains.values()].map((c) => c.stop()));
}
