import type { SettingDeclaration } from '../../core/plugin/index.ts';

/** `PUBLISHER_<NAME>_<KEY>`: camelCase and dots become upper snake case (`pool.minUtxos` of filelog: `PUBLISHER_FILELOG_POOL_MIN_UTXOS`). */
export function settingEnv(chain: string, key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\./g, '_');
  return `PUBLISHER_${chain.replace(/-/g, '_')}_${snake}`.toUpperCase();
}

/** Where a declared setting is read: its yaml paths and environment variables, the declared ones first, then the aliases. */
export function settingNames(chain: string, setting: SettingDeclaration): { paths: string[]; envs: string[] } {
  return {
    paths: [setting.key, ...(setting.aliases?.keys ?? [])].map((key) => `chains.${chain}.${key}`),
    envs: [settingEnv(chain, setting.key), ...(setting.aliases?.env ?? [])],
  };
}
