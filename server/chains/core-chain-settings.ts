import type { ChainPlugin, SettingAliases, SettingDeclaration, SettingValues } from '../../core/plugin/index.ts';
import { defaultPipelineSettings, type PipelineSettings } from '../../core/pipeline/index.ts';
import type { ChainRuntime } from './chain-runtime.ts';
import { settingEnv } from './setting-names.ts';

/** Keys the core reads under `chains.<name>.` for every chain; a plugin may not declare them. */
export const CORE_SETTING_KEYS = ['batch.size', 'batch.windowMs', 'retry.maxAttempts', 'retry.baseMs', 'retry.maxMs', 'retry.dropAfterMs', 'fundingAlarm', 'pool.minUtxos', 'pool.splitAmount', 'pool.scanOnStart'];

/**
 * The core's own settings of one chain (batching, retries, the funding alarm, and the pool of a
 * UTXO chain), as declarations read like the plugin's: defaults from the plugin's hints where it
 * gives them, its earlier names as aliases, and the environment names these had before plugins.
 */
export function coreSettingDeclarations(plugin: ChainPlugin, settings: SettingValues, profile: 'dev' | 'production'): SettingDeclaration[] {
  const hints = plugin.core?.defaults?.(settings) ?? {};
  const d = { ...defaultPipelineSettings, ...(hints.batchSize === undefined ? {} : { batchSize: hints.batchSize }) };
  const alias = (key: string, earlier?: SettingAliases): SettingAliases | undefined => {
    const own = plugin.core?.aliases?.[key];
    const keys = [...(own?.keys ?? []), ...(earlier?.keys ?? [])];
    const env = [...(own?.env ?? []), ...(earlier?.env ?? [])];
    return keys.length + env.length === 0 ? undefined : { keys, env };
  };
  const env = (suffix: string) => ({ env: [settingEnv(plugin.name, suffix)] });
  const declarations: SettingDeclaration[] = [
    { key: 'batch.size', type: 'integer', default: d.batchSize, min: 1, max: 100_000, doc: 'most records in one transaction' },
    { key: 'batch.windowMs', type: 'integer', default: d.batchWindowMs, min: 0, max: 3_600_000, doc: 'how long a batch waits for more records' },
    { key: 'retry.maxAttempts', type: 'integer', default: d.maxAttempts, min: 1, max: 1_000, doc: 'broadcasts of one transaction before its records fail' },
    { key: 'retry.baseMs', type: 'integer', default: d.retryBaseMs, min: 10, max: 3_600_000, doc: 'the first retry delay, doubled each time' },
    { key: 'retry.maxMs', type: 'integer', default: d.retryMaxMs, min: 10, max: 86_400_000, doc: 'the longest retry delay' },
    { key: 'retry.dropAfterMs', type: 'integer', default: d.dropAfterMs, min: 500, max: 86_400_000, doc: 'a broadcast transaction the chain has not seen for this long is rebuilt' },
    { key: 'fundingAlarm', type: 'amount', default: hints.fundingAlarm ?? 0n, min: 0n, doc: `available funding (in ${plugin.funding.unit}) under this turns health degraded` },
  ];
  if (plugin.funding.model === 'utxo') {
    declarations.push(
      { key: 'pool.minUtxos', type: 'integer', default: hints.poolMinOutputs ?? 0, min: 0, max: 10_000, doc: 'outputs the pool keeps at least, splitting a larger one when short (0: never splits)' },
      { key: 'pool.splitAmount', type: 'amount', default: hints.poolSplitAmount ?? 1_000_000n, min: 1n, doc: `the value (in ${plugin.funding.unit}) of each output a split makes` },
      { key: 'pool.scanOnStart', type: 'boolean', default: profile === 'dev', doc: 'adopt the funding address\'s unknown outputs at every start (default: in the dev profile)' },
    );
  }
  // The environment names of retry.maxAttempts and retry.dropAfterMs before plugins.
  const earlier: Record<string, SettingAliases> = { 'retry.maxAttempts': env('maxAttempts'), 'retry.dropAfterMs': env('dropAfterMs') };
  return declarations.map((declaration) => {
    const aliases = alias(declaration.key, earlier[declaration.key]);
    return aliases === undefined ? declaration : { ...declaration, aliases };
  });
}

/** The core's part of a chain's runtime, from its checked core settings. */
export function coreChainSettings(values: SettingValues): Pick<ChainRuntime, 'pipeline' | 'fundingAlarm' | 'pool'> {
  const pipeline: PipelineSettings = {
    batchSize: values['batch.size'] as number,
    batchWindowMs: values['batch.windowMs'] as number,
    maxAttempts: values['retry.maxAttempts'] as number,
    retryBaseMs: values['retry.baseMs'] as number,
    retryMaxMs: values['retry.maxMs'] as number,
    dropAfterMs: values['retry.dropAfterMs'] as number,
  };
  const pool =
    values['pool.minUtxos'] === undefined
      ? null
      : { minUtxos: values['pool.minUtxos'] as number, splitAmount: values['pool.splitAmount'] as bigint, scanOnStart: values['pool.scanOnStart'] as boolean };
  return { pipeline, fundingAlarm: values['fundingAlarm'] as bigint, pool };
}
