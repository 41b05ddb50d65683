import { globalOptions } from './cli-context.ts';
import { commandList, commandTable, type CommandEntry } from './command-table.ts';
import { exitCodesHelp } from './exit-codes.ts';
import { optionsHelp } from './option-specs.ts';

export function topHelp(): string {
  return [
    'usage: publisher <command> [arguments] [options]',
    '',
    'Creators sign records with their own keys; a publisher node puts them on chain and returns proofs.',
    '',
    'creator commands:',
    commandList(commandTable.filter((entry) => !entry.operator)),
    '',
    'operator commands (admin token, or the node database for worker):',
    commandList(commandTable.filter((entry) => entry.operator)),
    '',
    'global options:',
    optionsHelp({ ...globalOptions, version: { type: 'boolean', help: 'print the version' } }),
    '',
    'Run `publisher <command> --help` for what a command takes.',
    '',
    exitCodesHelp,
    '',
  ].join('\n');
}

/** `publisher keys --help`: the commands of one group. */
export function groupHelp(group: string, entries: readonly CommandEntry[]): string {
  return [`usage: publisher ${group} <command> [arguments] [options]`, '', `${group} commands:`, commandList(entries), '', `Run \`publisher ${group} <command> --help\` for what a command takes.`, ''].join('\n');
}
