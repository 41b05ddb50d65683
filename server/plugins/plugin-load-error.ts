export type PluginLoadReason = 'PLUGIN_NOT_FOUND' | 'PLUGIN_IMPORT_FAILED' | 'PLUGIN_INVALID';

/** A chain plugin that cannot be used: the message names the plugin, where it was looked for, and what is wrong. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
  readonly reason: PluginLoadReason;
  /** The chain name the plugin was configured under. */
  readonly plugin: string;

  constructor(plugin: string, reason: PluginLoadReason, message: string, options?: { cause?: unknown }) {
    super(`plugin ${plugin}: ${message}`, options);
    this.plugin = plugin;
    this.reason = reason;
  }
}
