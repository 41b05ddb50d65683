import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { PluginSettingError, type OperatorKey, type RunningDevnet } from '../../core/plugin/index.ts';
import { ConfigError } from '../config/index.ts';
import type { ChainContext } from './chain-context.ts';
import type { ChainRuntime } from './chain-runtime.ts';
import type { ConfiguredPluginChain } from './configure-chain.ts';
import { loadDevnetEndpoints, saveDevnetEndpoints } from './devnet-endpoints.ts';

/**
 * Starts one configured chain: in the dev profile, when the plugin has a devnet its settings want,
 * the server starts it (and keeps its endpoints in the data directory) and a worker attaches to
 * it; then the plugin's `start` with its context.
 */
export async function startChain(chain: ConfiguredPluginChain, { config, log, role, operatorKey }: ChainContext & { operatorKey: OperatorKey }): Promise<ChainRuntime> {
  const { name, plugin, settings, secrets, dataDir } = chain;
  const chainLog: Logger = log.child({ chain: name });
  const base = { settings, secrets, profile: config.profile, log: chainLog, dataDir };
  if (config.profile === 'dev') await mkdir(dataDir, { recursive: true });
  const wantsDevnet = config.profile === 'dev' && plugin.devnet !== undefined && plugin.devnet.wanted(settings);
  let devnet: RunningDevnet | undefined;
  if (wantsDevnet && role === 'server') {
    devnet = await plugin.devnet!.start(base);
    await saveDevnetEndpoints(config.dataDir, name, { ...devnet.endpoints });
  } else if (wantsDevnet) {
    devnet = { endpoints: await loadDevnetEndpoints(config.dataDir, name), stop: async () => undefined };
  }
  try {
    const started = await plugin.start({ ...base, batchSize: chain.core.pipeline.batchSize, operatorKey, ...(devnet === undefined ? {} : { devnet: devnet.endpoints }) });
    const { adapter } = started;
    if (adapter.name !== name || adapter.funding.model !== plugin.funding.model) {
      await started.stop();
      throw new ConfigError(`plugin ${name}: its adapter is ${JSON.stringify(adapter.name)} funded by ${adapter.funding.model}, the plugin declares ${JSON.stringify(name)} funded by ${plugin.funding.model} (PLUGIN_INVALID)`);
    }
    return {
      adapter,
      ...chain.core,
      unit: plugin.funding.unit,
      routes: started.routes ?? [],
      async stop() {
        await started.stop();
        await devnet?.stop();
      },
    };
  } catch (error) {
    await devnet?.stop();
    if (error instanceof PluginSettingError) throw new ConfigError(`chain "${name}": ${error.key}: ${error.message}`, { cause: error });
    throw error;
  }
}
