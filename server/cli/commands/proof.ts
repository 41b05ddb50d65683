import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { publisherClient } from '../node-clients.ts';
import { checkedRecordId } from '../record-id.ts';

export const proofCommand = defineCommand({
  name: 'proof',
  usage: '<record-id>',
  description: [
    "Prints the record's proof bundle (wire-format §5) on stdout exactly as the node gives it (it is",
    'JSON already, with or without --json). A proof is complete once every target chain confirmed the',
    'record; before that it holds the anchors there are, and says so on stderr.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {},
  examples: ['publisher proof 3f2a… > proof.json && publisher verify proof.json'],
  async run({ positionals: [id = ''] }, cli) {
    const recordId = checkedRecordId(id);
    let result;
    try {
      result = await publisherClient(cli).getProof(recordId);
    } catch (error) {
      throw callError(error, `the proof of record ${recordId}`, cli.nodeUrl);
    }
    if (!result.complete) {
      const anchored = new Set<string>(result.proof.anchors.map((anchor) => anchor.chain));
      const missing = result.proof.intent.targets.filter((target) => !anchored.has(target));
      const why = missing.length > 0 ? `no anchor yet on ${missing.join(', ')}` : 'not every anchor is confirmed yet';
      cli.progress(`the proof is not complete: ${why} (follow it: publisher watch ${recordId})`);
    }
    cli.out(result.proofJson);
    return ExitCode.ok;
  },
});
