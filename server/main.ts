import { ConfigError, loadConfig, type NodeConfig } from './config/index.ts';
import { dataPath } from './database.ts';
import { applyHeapPolicy } from './heap-policy.ts';
import { createLogger } from './logging/create-logger.ts';
import { READY_PREFIX, type ReadyFields } from './logging/ready-banner.ts';
import { startNode, type RunningNode } from './node.ts';
import { runReconcile } from './reconcile/run-reconcile.ts';
import { startWorkerProcess } from './worker-process.ts';

const USAGE = `usage: publisher-node <command> [--config publisher.yaml]

commands:
  start    run the node: RPC server on one port, plus publication workers (the default)
  worker   run only the publication workers, against the node's database (DATABASE_URL)
  reconcile
           after restoring the database from a backup, before any node or worker runs on it:
           adopt the operator's transactions the database does not know, fix the funding pool,
           print what was found (JSON) (docs/operations.md, "Restoring from a backup")
`;

/** `--config <path>` or `--config=<path>`. */
function configFlag(args: string[]): string | undefined {
  return flag(args, '--config');
}

/** `<name> <value>` or `<name>=<value>`. */
function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
}

async function main(): Promise<void> {
  const [command = 'start', ...args] = process.argv.slice(2);
  if (command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command !== 'start' && command !== 'worker' && command !== 'reconcile') {
    process.stderr.write(`unknown command "${command}": start, worker or reconcile\n  see server/main.ts --help\n`);
    process.exit(2);
  }
  const config: NodeConfig = loadConfig(process.env, configFlag(args) ?? process.env['PUBLISHER_CONFIG']);
  if (command === 'reconcile') {
    const log = createLogger({ level: config.logLevel, format: 'json' });
    const report = await runReconcile(config, log);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  applyHeapPolicy(config.heapGrowingPercent);
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const running =
    command === 'start'
      ? await startNode(config, log).then(async (node) => {
          // On a terminal this line is the start-up banner (server/logging/pretty-line.ts).
          log.info(await readyFields(config, node), `${READY_PREFIX}${node.url}`);
          return { stop: () => node.close() };
        })
      : await startWorkerProcess(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function readyFields(config: NodeConfig, node: RunningNode): Promise<ReadyFields> {
  return {
    url: node.url,
    profile: config.profile,
    adminToken: whereIsTheAdminToken(config),
    chains: [...node.chains.values()].map(({ adapter }) => ({ name: adapter.name, network: adapter.network })),
    logVerifierKey: node.logSigner.verifierKey,
  };
}

/** Where the admin token is and how to use it; never the token itself (docs/operations.md). */
function whereIsTheAdminToken(config: NodeConfig): string {
  if (config.adminToken) return 'from PUBLISHER_ADMIN_TOKEN or secrets.adminTokenFile';
  const file = dataPath(config, 'admin-token');
  return `in ${file} (the publisher CLI finds it there; other clients send "authorization: Bearer <its content>")`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`the node failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
