import { resolve } from 'node:path';
import { loadChainPlugin } from '../../chains/load-chain-plugin.ts';
import { describeSettings } from '../../chains/describe-settings.ts';
import { ConfigError } from '../../config/config-error.ts';
import { readConfigFile } from '../../config/read-config-file.ts';
import { createSettingsSource } from '../../config/settings-source.ts';
import { inputError, usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';

export const configChainCommand = defineCommand({
  name: 'config',
  usage: '--chain <name> [--config publisher.yaml]',
  description: [
    "Lists a chain's settings as the node reads them: each plugin-declared one, then the node's own",
    'for every chain (batching, retries, funding alarm, pool), with its publisher.yaml key, its',
    'environment variable, type, default and what it does. A chain that is not built in is found',
    "through the configuration file's chains.plugins. Calls no node.",
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  globals: ['json', 'verbose', 'help'],
  options: {
    chain: { type: 'string', value: 'name', help: 'the chain (required)' },
    config: { type: 'string', short: 'c', value: 'file', help: 'the configuration file naming plugins (default $PUBLISHER_CONFIG)' },
  },
  examples: ['publisher config --chain <name>', 'publisher config --chain filelog --config publisher.yaml'],
  async run({ values }, cli) {
    if (values.chain === undefined) throw usageError('--chain <name> is required');
    const path = values.config ?? (cli.env['PUBLISHER_CONFIG'] || undefined);
    let plugin;
    try {
      const file = path === undefined ? {} : readConfigFile(resolve(cli.cwd, path));
      plugin = await loadChainPlugin(values.chain, createSettingsSource(file, {}, path === undefined ? '' : resolve(cli.cwd, path)));
    } catch (error) {
      if (error instanceof ConfigError) throw inputError(error.message, { cause: error });
      throw error;
    }
    const settings = describeSettings(plugin);
    if (cli.json) {
      cli.out(JSON.stringify({ chain: plugin.name, funding: plugin.funding, settings }));
      return ExitCode.ok;
    }
    cli.out(`chain ${plugin.name}: funding ${plugin.funding.model}, amounts in ${plugin.funding.unit}`);
    for (const s of settings) {
      const flags = [s.secret ? `secret: ${s.env} or ${s.env}_FILE / ${s.key}File` : s.env, s.type, s.default === undefined ? (s.required ? 'required' : 'no default') : `default ${s.default}`];
      cli.out(`  ${s.key}  (${flags.join('; ')})${s.by === 'core' ? '  [node]' : ''}`);
      cli.out(`      ${s.doc}${s.aliases.length > 0 ? `; also read as ${s.aliases.join(', ')}` : ''}`);
    }
    return ExitCode.ok;
  },
});
