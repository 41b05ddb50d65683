import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { readSigningKey } from '../key-file.ts';
import { readJsonObject } from '../read-input.ts';
import { parseTargets, signRecord } from '../sign-record.ts';

export const signCommand = defineCommand({
  name: 'sign',
  usage: '<record.json> --key <key.json> --to <chains>',
  description: [
    'Signs a record (any JSON object; "-" reads stdin) for the given chains with a fresh nonce and the',
    'current time, offline, and prints the signed intent JSON (wire-format §1) on stdout.',
    'Publish it later with publisher publish <intent.json>.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    key: { type: 'string', short: 'k', value: 'key.json', help: 'the creator key file (from keygen)' },
    to: { type: 'string', value: 'chains', help: "target chains, comma-separated: the node's chains (GetInfo)" },
  },
  examples: ['publisher sign song.json --key key.json --to <chain>,<chain> > intent.json'],
  async run({ values, positionals: [recordPath = ''] }, cli) {
    if (values.key === undefined) throw usageError('--key <key.json> is needed: the key that signs');
    const targets = parseTargets(values.to);
    if (targets === undefined) throw usageError('--to <chains> is needed: the chains the intent is for, comma-separated');
    const { value: record } = await readJsonObject(recordPath, cli.cwd, 'record');
    const key = await readSigningKey(values.key, cli.cwd);
    cli.out(await signRecord(record, key, targets, recordPath));
    return ExitCode.ok;
  },
});
