import { parseArgs } from 'node:util';
import { createCliContext, globalOptions, type CliContext, type Env } from './cli-context.ts';
import { usageError } from './cli-error.ts';
import { ExitCode, exitCodesHelp } from './exit-codes.ts';
import { optionsHelp, parseArgsOptions, type OptionSpecs, type OptionValues } from './option-specs.ts';

export interface CommandInput<O extends OptionSpecs> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

export interface CommandSpec<O extends OptionSpecs> {
  /** As typed: "sign", "keys register". */
  readonly name: string;
  /** What follows the name in the usage line: positionals and required options. */
  readonly usage: string;
  /** What it does, in a few lines of the help. */
  readonly description: string;
  readonly positionals: { readonly min: number; readonly max: number };
  readonly options: O;
  readonly examples?: readonly string[];
  /** The global options that mean something to it, for its help (every command accepts them all); default all. */
  readonly globals?: readonly (keyof typeof globalOptions)[];
  run(input: CommandInput<O>, cli: CliContext): Promise<ExitCode>;
}

/** A command as main sees it: help text, and a run over its own arguments. */
export interface Command {
  readonly name: string;
  help(): string;
  /** `args` without the command's name; global options may be among them. */
  run(args: readonly string[], env: Env, cwd: string): Promise<ExitCode>;
}

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const help = () =>
    [
      `usage: publisher ${spec.name} ${spec.usage}`.trimEnd(),
      '',
      spec.description,
      ...(Object.keys(spec.options).length > 0 ? ['', 'options:', optionsHelp(spec.options)] : []),
      '',
      'global options:',
      optionsHelp(spec.globals ? Object.fromEntries(spec.globals.map((name) => [name, globalOptions[name]])) : globalOptions),
      ...(spec.examples ? ['', 'examples:', ...spec.examples.map((example) => `  ${example}`)] : []),
      '',
      exitCodesHelp,
      '',
    ].join('\n');

  return {
    name: spec.name,
    help,
    async run(args, env, cwd) {
      let parsed;
      try {
        parsed = parseArgs({ args: [...args], options: parseArgsOptions({ ...globalOptions, ...spec.options }), allowPositionals: true, strict: true });
      } catch (error) {
        // parseArgs's own messages name the option ("Unknown option '--kye'"); its advice on
        // positionals that start with "-" would double the line for a typo.
        throw usageError((error as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, ''));
      }
      const values = parsed.values as OptionValues<typeof globalOptions> & OptionValues<O>;
      if (values.help) {
        process.stdout.write(help());
        return ExitCode.ok;
      }
      const { positionals } = parsed;
      const { min, max } = spec.positionals;
      if (positionals.length < min || positionals.length > max) {
        const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
        throw usageError(`takes ${expected} argument${max === 1 ? '' : 's'}, got ${positionals.length}${positionals.length > 0 ? `: ${positionals.join(' ')}` : ''}`);
      }
      return spec.run({ values, positionals }, createCliContext(values, env, cwd));
    },
  };
}
