import type { PublisherClient, SigningKey } from '../../../sdk/index.ts';
import { callError } from '../call-error.ts';
import type { CliContext } from '../cli-context.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { failedPublications, followRecord } from '../follow-record.ts';
import { readSigningKey } from '../key-file.ts';
import { publisherClient } from '../node-clients.ts';
import { readJsonObject } from '../read-input.ts';
import { publicationLine, publicationView, recordView } from '../record-view.ts';
import { parseTargets, signRecord } from '../sign-record.ts';

export const publishCommand = defineCommand({
  name: 'publish',
  usage: '<record.json|intent.json> [--key <key.json>] [--to <chains>] [--wait]',
  description: [
    'Submits a signed intent to the node. Given a record instead (any JSON object that is not a signed',
    'intent), signs it first with --key for the chains of --to (default: every chain the node enables).',
    'Prints the record id on stdout (--json: the record id, receipt and publications); progress on stderr.',
    'With --wait, follows the publications until each is CONFIRMED or FAILED (exit 4).',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    key: { type: 'string', short: 'k', value: 'key.json', help: 'the creator key file, to sign a record' },
    to: { type: 'string', value: 'chains', help: "target chains of a record, comma-separated (default: the node's)" },
    wait: { type: 'boolean', short: 'w', help: 'follow the publications until every one is final' },
  },
  examples: ['publisher publish song.json --key key.json --to <chain> --wait', 'publisher publish intent.json'],
  async run({ values, positionals: [path = ''] }, cli) {
    const client = publisherClient(cli);
    const input = await readJsonObject(path, cli.cwd, 'record or intent');
    const targets = parseTargets(values.to);
    const intentJson = isSignedIntent(input.value)
      ? checkedIntent(input.text, input.value, targets, values.key !== undefined, cli)
      : await signRecord(input.value, await keyFor(values.key, cli), targets ?? (await nodeChains(client, cli)), path);

    let result;
    try {
      result = await client.publish(intentJson);
    } catch (error) {
      throw callError(error, 'the node refused the intent', cli.nodeUrl);
    }
    cli.progress(
      result.duplicate
        ? `record ${result.recordId} was accepted before (the same intent): nothing new was charged`
        : `record ${result.recordId} accepted (log entry ${/^index (\d+)$/m.exec(result.receipt)?.[1] ?? '?'})`,
    );
    if (!values.wait) {
      for (const publication of result.publications) cli.progress(`  ${publicationLine(publication)}`);
      cli.out(cli.json ? JSON.stringify({ recordId: result.recordId, duplicate: result.duplicate, receipt: result.receipt, publications: result.publications.map(publicationView) }) : result.recordId);
      return ExitCode.ok;
    }
    const record = await followRecord(cli, client, result.recordId, (_, changed) => changed.forEach((line) => cli.progress(`  ${line}`)));
    cli.out(cli.json ? JSON.stringify({ duplicate: result.duplicate, receipt: result.receipt, ...recordView(record) }) : result.recordId);
    const failed = failedPublications(record);
    if (failed !== undefined) throw failed;
    return ExitCode.ok;
  },
});

function isSignedIntent(value: Record<string, unknown>): boolean {
  return value['protocol'] === 'chain-publisher' && 'signature' in value;
}

/** A signed intent goes out byte for byte; --to may only repeat what it was signed for. */
function checkedIntent(text: string, intent: Record<string, unknown>, targets: readonly string[] | undefined, keyGiven: boolean, cli: CliContext): string {
  const signedFor = Array.isArray(intent['targets']) ? intent['targets'].map(String) : [];
  if (targets !== undefined && [...targets].sort().join() !== [...signedFor].sort().join()) {
    throw usageError(`the intent is signed for ${signedFor.join(',')}; --to ${targets.join(',')} cannot change that`, {
      hint: 'drop --to, or sign the record again for those chains',
    });
  }
  if (keyGiven) cli.debug('publishing a signed intent as it is: --key is not used');
  return text;
}

async function keyFor(path: string | undefined, cli: CliContext): Promise<SigningKey> {
  if (path === undefined) throw usageError('--key <key.json> is needed to sign a record (or give a signed intent)');
  return readSigningKey(path, cli.cwd);
}

async function nodeChains(client: PublisherClient, cli: CliContext): Promise<string[]> {
  let info;
  try {
    info = await client.getInfo();
  } catch (error) {
    throw callError(error, "reading the node's chains", cli.nodeUrl);
  }
  const chains = info.chains.map((chain) => chain.name);
  cli.debug(`targets: every chain the node enables, ${chains.join(',')}`);
  return chains;
}
