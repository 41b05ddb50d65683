import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { publisherClient } from '../node-clients.ts';
import { checkedRecordId } from '../record-id.ts';
import { publicationLine, recordView } from '../record-view.ts';

export const statusCommand = defineCommand({
  name: 'status',
  usage: '<record-id>',
  description: 'Prints a record: its creator, when it was signed and accepted, and where each publication stands.',
  positionals: { min: 1, max: 1 },
  options: {},
  examples: ['publisher status 3f2a…', 'publisher status 3f2a… --json | jq .publications'],
  async run({ positionals: [id = ''] }, cli) {
    const recordId = checkedRecordId(id);
    let record;
    try {
      record = await publisherClient(cli).getRecord(recordId);
    } catch (error) {
      throw callError(error, `record ${recordId}`, cli.nodeUrl);
    }
    const view = recordView(record);
    if (cli.json) {
      cli.out(JSON.stringify(view));
      return ExitCode.ok;
    }
    cli.out(`record    ${view.recordId}`);
    cli.out(`creator   ${view.creator} (${view.signer.scheme})`);
    cli.out(`signed    ${view.signedAt ?? '?'}`);
    cli.out(`accepted  ${view.acceptedAt ?? '?'}`);
    for (const publication of record.publications) cli.out(`  ${publicationLine(publication)}`);
    return ExitCode.ok;
  },
});
