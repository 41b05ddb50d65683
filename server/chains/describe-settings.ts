import type { ChainPlugin, SettingDeclaration } from '../../core/plugin/index.ts';
import { coreSettingDeclarations } from './core-chain-settings.ts';
import { settingEnv } from './setting-names.ts';

/** One line of `publisher config --chain <name>`: where a setting is read, its type, default and doc. */
export interface SettingHelp {
  readonly key: string;
  readonly env: string;
  readonly type: string;
  readonly default: string | undefined;
  readonly secret: boolean;
  readonly required: boolean;
  readonly aliases: readonly string[];
  readonly doc: string;
  /** `plugin` (declared by the chain) or `core` (read by the node for every chain). */
  readonly by: 'plugin' | 'core';
}

/** A chain's settings as the node reads them: the plugin's declared ones, then the core's (defaults as with no plugin setting given). */
export function describeSettings(plugin: ChainPlugin, profile: 'dev' | 'production' = 'production'): SettingHelp[] {
  const defaults = Object.fromEntries(plugin.settings.map((setting) => [setting.key, setting.default]));
  const help = (by: 'plugin' | 'core') => (setting: SettingDeclaration): SettingHelp => ({
    key: `chains.${plugin.name}.${setting.key}`,
    env: settingEnv(plugin.name, setting.key),
    type: typeOf(setting),
    default: setting.default === undefined ? undefined : String(setting.default),
    secret: setting.type === 'string' && setting.secret === true,
    required: setting.required === true,
    aliases: [...(setting.aliases?.keys ?? []).map((key) => `chains.${plugin.name}.${key}`), ...(setting.aliases?.env ?? [])],
    doc: setting.doc,
    by,
  });
  return [...plugin.settings.map(help('plugin')), ...coreSettingDeclarations(plugin, defaults, profile).map(help('core'))];
}

function typeOf(setting: SettingDeclaration): string {
  switch (setting.type) {
    case 'string':
      return setting.values ? setting.values.join('|') : setting.secret ? 'secret' : 'string';
    case 'integer':
      return `integer ${setting.min ?? ''}..${setting.max ?? ''}`;
    case 'amount':
      return `amount >= ${setting.min ?? 0n}`;
    case 'boolean':
      return 'boolean';
  }
}
