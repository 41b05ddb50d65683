import { version } from '../version.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './define-command.ts';
import { ExitCode } from './exit-codes.ts';
import { resolveCommand } from './resolve-command.ts';

/** `publisher …`: the command line of a publisher node, for creators and operators. */
async function main(argv: readonly string[]): Promise<ExitCode> {
  let command: Command | undefined;
  try {
    const resolved = resolveCommand(argv, version);
    if (resolved.kind === 'text') {
      process.stdout.write(resolved.text);
      return ExitCode.ok;
    }
    command = await resolved.entry.load();
    return await command.run(resolved.args, process.env, process.cwd());
  } catch (error) {
    return report(error, command, argv);
  }
}

/** The error on stderr (with --json also on stdout, for scripts); its exit code. */
function report(error: unknown, command: Command | undefined, argv: readonly string[]): ExitCode {
  const who = command === undefined ? 'publisher' : `publisher ${command.name}`;
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  if (!(error instanceof CliError)) {
    process.stderr.write(`${who}: unexpected error: ${verbose && error instanceof Error ? error.stack : String(error)}\n`);
    return ExitCode.refused;
  }
  const lines = [`${who}: ${error.message}`];
  if (error.hint !== undefined) lines.push(`  ${error.hint}`);
  // A usage error is its line and where the help is, not the whole help: the message stays in view.
  if (error.reason === 'USAGE' && !error.hint?.includes('--help')) lines.push(`  see ${who} --help`);
  if (verbose) for (let cause = error.cause; cause instanceof Error; cause = cause.cause) lines.push(`  caused by: ${cause.message}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  if (argv.includes('--json') && !error.resultPrinted) {
    const { reason, message, hint, exitCode } = error;
    process.stdout.write(`${JSON.stringify({ error: { reason, message, ...(hint === undefined ? {} : { hint }), exitCode } })}\n`);
  }
  return error.exitCode;
}

process.exitCode = await main(process.argv.slice(2));
