export { loadConfig } from './load-config.ts';
export { ConfigError } from './config-error.ts';
export type { NodeConfig, IntentConfig } from './node-config.ts';
export type { SettingsSource } from './settings-source.ts';
export type { ServerLimits } from './server-limits.ts';
