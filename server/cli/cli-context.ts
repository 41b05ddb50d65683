import { resolveAdminToken, type AdminToken } from './admin-token.ts';
import { usageError } from './cli-error.ts';
import type { OptionSpecs, OptionValues } from './option-specs.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_NODE_URL = 'http://127.0.0.1:8080';

/** Options every command takes, before or after the command name. */
export const globalOptions = {
  node: { type: 'string', value: 'url', help: `the node to call (default $PUBLISHER_URL, else ${DEFAULT_NODE_URL})` },
  'admin-token': { type: 'string', value: 'token', help: 'for keys, funding, audit, and log when the log is not public (default $PUBLISHER_ADMIN_TOKEN, else .data/admin-token)' },
  json: { type: 'boolean', help: 'machine-readable output: JSON on stdout' },
  verbose: { type: 'boolean', short: 'v', help: 'say on stderr which node, token and files are used' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies OptionSpecs;

/** What a command may use besides its own arguments: where the node is, and where output goes. */
export interface CliContext {
  readonly nodeUrl: string;
  /** Where nodeUrl came from, for --verbose. */
  readonly nodeSource: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly env: Env;
  readonly cwd: string;
  /** A result line on stdout. */
  out(text: string): void;
  /** A progress or diagnostic line on stderr. */
  progress(text: string): void;
  /** A line on stderr with --verbose only. */
  debug(text: string): void;
  /** Read only by the admin commands, so a missing token file never bothers the others. */
  adminToken(): Promise<AdminToken | undefined>;
}

export function createCliContext(values: OptionValues<typeof globalOptions>, env: Env, cwd: string): CliContext {
  const verbose = values.verbose === true;
  const [nodeUrl, nodeSource] = values.node ? [values.node, '--node'] : env['PUBLISHER_URL'] ? [env['PUBLISHER_URL'], 'PUBLISHER_URL'] : [DEFAULT_NODE_URL, 'the default'];
  const context: CliContext = {
    nodeUrl: checkedNodeUrl(nodeUrl, nodeSource),
    nodeSource,
    json: values.json === true,
    verbose,
    env,
    cwd,
    out: (text) => process.stdout.write(`${text}\n`),
    progress: (text) => process.stderr.write(`${text}\n`),
    debug: (text) => {
      if (verbose) process.stderr.write(`${text}\n`);
    },
    async adminToken() {
      const token = await resolveAdminToken(values['admin-token'], env, cwd);
      context.debug(token ? `admin token from ${token.source}` : 'no admin token: no --admin-token, PUBLISHER_ADMIN_TOKEN unset, no admin-token file in the data directory');
      return token;
    },
  };
  return context;
}

function checkedNodeUrl(text: string, source: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`the node URL ${JSON.stringify(text)} (from ${source}) is not a URL`, { hint: `for example --node ${DEFAULT_NODE_URL}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`the node URL ${text} (from ${source}) must be http:// or https://`);
  return url.href.replace(/\/+$/, '');
}
