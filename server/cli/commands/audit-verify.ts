import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const auditVerifyCommand = defineCommand({
  name: 'audit verify',
  usage: '',
  description: [
    "Has the node recompute its transparency log: every entry's leaf hash, the stored tile hashes and the root,",
    'compared with its latest signed checkpoint. Exits 0 when intact, 1 naming what is broken (the first',
    'altered entry by seq, its index + 1, when the fault is in one). Needs the admin token.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {},
  async run(_, cli) {
    const { audit } = await adminClients(cli);
    let result;
    try {
      result = await audit.verifyChain({});
    } catch (error) {
      throw callError(error, 'verifying the audit log', cli.nodeUrl);
    }
    const { intact, checked, firstBrokenSeq, headSeq, headHash, detail, checkpoint } = result;
    if (cli.json) {
      cli.out(JSON.stringify({ intact, checked: Number(checked), firstBrokenSeq: Number(firstBrokenSeq), headSeq: Number(headSeq), headHash, detail, checkpoint }));
    } else if (intact) {
      cli.out(`log intact: ${checked} entries checked, size ${headSeq}, root ${headHash}, as its latest signed checkpoint says`);
    } else {
      cli.out(`log BROKEN${firstBrokenSeq > 0n ? ` at event ${firstBrokenSeq} (entry ${firstBrokenSeq - 1n})` : ''}: ${detail} (${checked} entries checked, checkpoint size ${headSeq})`);
    }
    return intact ? ExitCode.ok : ExitCode.refused;
  },
});
