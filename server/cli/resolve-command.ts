import { parseArgs } from 'node:util';
import { globalOptions } from './cli-context.ts';
import { usageError } from './cli-error.ts';
import { commandTable, type CommandEntry } from './command-table.ts';
import { parseArgsOptions } from './option-specs.ts';
import { groupHelp, topHelp } from './top-help.ts';

/** What the command line asks for, before the command parses its own arguments. */
export type Resolved =
  | { readonly kind: 'command'; readonly entry: CommandEntry; readonly args: readonly string[] }
  /** Help or version text, to print on stdout and exit 0. */
  | { readonly kind: 'text'; readonly text: string };

/**
 * Finds the command among the arguments. Global options may come before it, so they are parsed
 * leniently here (the command parses everything strictly); the command's own options come after
 * its name, because a lenient parse cannot tell their values from the command's name.
 */
export function resolveCommand(argv: readonly string[], version: string): Resolved {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: { ...parseArgsOptions(globalOptions), version: { type: 'boolean' } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const words = tokens.filter((token) => token.kind === 'positional');
  const [first, second] = words;
  if (first === undefined) {
    if (values['version'] === true) return { kind: 'text', text: `${version}\n` };
    if (values['help'] === true) return { kind: 'text', text: topHelp() };
    throw usageError('a command is needed', { hint: 'publisher --help lists them' });
  }
  if (first.value === 'help') return helpFor(words.slice(1).map((word) => word.value));

  const single = commandTable.find((entry) => entry.name === first.value);
  if (single !== undefined) return { kind: 'command', entry: single, args: without(argv, [first.index]) };

  const group = commandTable.filter((entry) => entry.name.startsWith(`${first.value} `));
  if (group.length === 0) throw usageError(`unknown command "${first.value}"`, { hint: 'publisher --help lists the commands' });
  const entry = group.find((candidate) => candidate.name === `${first.value} ${second?.value}`);
  if (entry !== undefined && second !== undefined) return { kind: 'command', entry, args: without(argv, [first.index, second.index]) };
  if (second === undefined && values['help'] === true) return { kind: 'text', text: groupHelp(first.value, group) };
  throw usageError(second === undefined ? `"${first.value}" needs a command` : `unknown command "${first.value} ${second.value}"`, {
    hint: `publisher ${first.value} --help lists: ${group.map((candidate) => candidate.name).join(', ')}`,
  });
}

/** `publisher help [command]`. */
function helpFor(words: readonly string[]): Resolved {
  if (words.length === 0) return { kind: 'text', text: topHelp() };
  const name = words.join(' ');
  const entry = commandTable.find((candidate) => candidate.name === name);
  if (entry !== undefined) return { kind: 'command', entry, args: ['--help'] };
  const group = commandTable.filter((candidate) => candidate.name.startsWith(`${name} `));
  if (group.length > 0) return { kind: 'text', text: groupHelp(name, group) };
  throw usageError(`unknown command "${name}"`, { hint: 'publisher --help lists the commands' });
}

function without(argv: readonly string[], indexes: readonly number[]): string[] {
  return argv.filter((_, index) => !indexes.includes(index));
}
