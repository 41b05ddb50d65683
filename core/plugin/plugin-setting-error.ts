/**
 * A plugin's settings, each valid alone, do not make a usable chain (an endpoint without its
 * companion, a secret that does not parse). The node reports it as a configuration error of that
 * chain and does not start.
 */
export class PluginSettingError extends Error {
  override readonly name = 'PluginSettingError';
  readonly reason = 'BAD_SETTING';
  /** The setting at fault, as the plugin declares it. */
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.key = key;
  }
}
