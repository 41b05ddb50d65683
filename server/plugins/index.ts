export { importPlugin } from './import-plugin.ts';
export { resolvePlugin } from './resolve-plugin.ts';
export { PluginLoadError, type PluginLoadReason } from './plugin-load-error.ts';
