import { ConfigError, loadConfig } from '../../config/index.ts';
import { applyHeapPolicy } from '../../heap-policy.ts';
import { createLogger } from '../../logging/create-logger.ts';
import { startWorkerProcess } from '../../worker-process.ts';
import { CliError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';

export const workerCommand = defineCommand({
  name: 'worker',
  usage: '[--config publisher.yaml]',
  description: [
    "Runs the node's publication workers without its RPC server, against the node's database",
    '(DATABASE_URL is required), exactly as `node server/main.ts worker`; any number may run beside',
    'the node. Configured like the node: publisher.yaml and PUBLISHER_* variables. Logs on stdout as',
    'the node does: lines for a person on a terminal, JSON lines otherwise (PUBLISHER_LOG_FORMAT).',
    'Stops after the current step on SIGINT or SIGTERM.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  // It calls no node: --node and --admin-token mean nothing to it.
  globals: ['verbose', 'help'],
  options: {
    config: { type: 'string', short: 'c', value: 'file', help: 'the configuration file (default $PUBLISHER_CONFIG)' },
  },
  async run({ values }, cli) {
    let config;
    try {
      config = loadConfig(cli.env, values.config ?? (cli.env['PUBLISHER_CONFIG'] || undefined));
    } catch (error) {
      throw startError(error);
    }
    applyHeapPolicy(config.heapGrowingPercent);
    const log = createLogger({ level: config.logLevel, format: config.logFormat });
    let worker;
    try {
      worker = await startWorkerProcess(config, log);
    } catch (error) {
      throw startError(error);
    }
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    log.info({ signal }, 'shutting down: finishing in-flight work');
    await worker.stop();
    return ExitCode.ok;
  },
});

/** As `server/main.ts` exits: 2 for a configuration mistake, 1 for anything else. */
function startError(error: unknown): CliError {
  if (error instanceof ConfigError) return new CliError(ExitCode.usage, 'CONFIG', `configuration error: ${error.message}`, { cause: error });
  return new CliError(ExitCode.refused, 'WORKER_FAILED', `the worker failed to start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
