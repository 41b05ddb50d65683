import type { ChainPlugin } from '../../core/plugin/index.ts';
import { PluginLoadError } from '../plugins/index.ts';

const SETTING_TYPES = new Set(['string', 'integer', 'boolean', 'amount']);
const FUNDING_MODELS = new Set(['utxo', 'account', 'none']);

/**
 * A module's default export, checked to be the plugin of chain `name` (plugins.md): every field the
 * node relies on is there and of its type, so a broken plugin stops the start with what is wrong
 * rather than failing later.
 */
export function checkPlugin(name: string, value: unknown): ChainPlugin {
  const invalid = (what: string) => new PluginLoadError(name, 'PLUGIN_INVALID', what);
  if (typeof value !== 'object' || value === null) throw invalid('its default export is not a plugin object');
  const plugin = value as Record<string, unknown>;
  if (plugin['name'] !== name) throw invalid(`it is the plugin of chain ${JSON.stringify(plugin['name'])}, configured as ${JSON.stringify(name)}`);
  if (!Array.isArray(plugin['settings'])) throw invalid('settings is missing (an array of declared settings, [] for none)');
  const keys = new Set<string>();
  for (const setting of plugin['settings'] as unknown[]) {
    const { key, type, doc } = (setting ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || !/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/.test(key)) throw invalid(`a setting's key ${JSON.stringify(key)} is not camelCase (dotted for groups)`);
    if (keys.has(key)) throw invalid(`setting ${key} is declared twice`);
    keys.add(key);
    if (typeof type !== 'string' || !SETTING_TYPES.has(type)) throw invalid(`setting ${key} has type ${JSON.stringify(type)}: one of ${[...SETTING_TYPES].join(', ')}`);
    if (typeof doc !== 'string' || doc === '') throw invalid(`setting ${key} has no doc line`);
  }
  const funding = plugin['funding'] as Record<string, unknown> | undefined;
  if (typeof funding !== 'object' || funding === null || !FUNDING_MODELS.has(funding['model'] as string)) throw invalid('funding.model must be utxo, account or none');
  if (typeof funding['unit'] !== 'string' || funding['unit'] === '') throw invalid("funding.unit must name the chain's smallest unit");
  if (typeof plugin['start'] !== 'function') throw invalid('start(context) is missing');
  const verifier = plugin['verifier'] as Record<string, unknown> | undefined;
  if (typeof verifier !== 'object' || verifier === null || typeof verifier['verify'] !== 'function') throw invalid('it has no verifier { chain, verify(anchor, context) }');
  if (verifier['chain'] !== name) throw invalid(`its verifier checks chain ${JSON.stringify(verifier['chain'])}, the plugin is ${JSON.stringify(name)}`);
  const devnet = plugin['devnet'] as Record<string, unknown> | undefined;
  if (devnet !== undefined && (typeof devnet !== 'object' || devnet === null || typeof devnet['wanted'] !== 'function' || typeof devnet['start'] !== 'function')) {
    throw invalid('devnet, when given, must be { wanted(settings), start(context) }');
  }
  return value as ChainPlugin;
}
