import { ExitCode } from './exit-codes.ts';

export interface CliErrorOptions {
  /** What to do about it, printed on its own line. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** Stdout holds the command's result already, which shows the failure: --json adds no error object. */
  readonly resultPrinted?: boolean;
}

/**
 * The one error the commands throw: main prints its message (and hint) on stderr and exits with
 * its code. `reason` is stable: the node's (KEY_NOT_REGISTERED, …) or the CLI's own (USAGE, …).
 */
export class CliError extends Error {
  override readonly name = 'CliError' as const;
  readonly exitCode: ExitCode;
  readonly reason: string;
  readonly hint: string | undefined;
  readonly resultPrinted: boolean;

  constructor(exitCode: ExitCode, reason: string, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = exitCode;
    this.reason = reason;
    this.hint = options.hint;
    this.resultPrinted = options.resultPrinted ?? false;
  }
}

/** Wrong arguments: main prints the message and where the command's help is. */
export function usageError(message: string, options: CliErrorOptions = {}): CliError {
  return new CliError(ExitCode.usage, 'USAGE', message, options);
}

/** An input file that is missing or malformed: the same exit code, without the help. */
export function inputError(message: string, options: CliErrorOptions = {}): CliError {
  return new CliError(ExitCode.usage, 'BAD_INPUT', message, options);
}
