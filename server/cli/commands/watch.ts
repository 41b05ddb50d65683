import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { failedPublications, followRecord } from '../follow-record.ts';
import { publisherClient } from '../node-clients.ts';
import { checkedRecordId } from '../record-id.ts';
import { recordView } from '../record-view.ts';

export const watchCommand = defineCommand({
  name: 'watch',
  usage: '<record-id>',
  description: [
    'Prints a line each time a publication of the record changes (QUEUED → SUBMITTED → CONFIRMED, or',
    'FAILED), until every one is final; --json prints the record as one JSON line per change.',
    'Exits 0 when all are CONFIRMED, 4 when one FAILED.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {},
  async run({ positionals: [id = ''] }, cli) {
    const recordId = checkedRecordId(id);
    const record = await followRecord(cli, publisherClient(cli), recordId, (update, changed) => {
      if (cli.json) cli.out(JSON.stringify(recordView(update)));
      else changed.forEach((line) => cli.out(line));
    });
    const failed = failedPublications(record);
    if (failed !== undefined) throw failed;
    return ExitCode.ok;
  },
});
