import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const auditVerifyCommand = defineCommand({
  name: 'audit verify',
  usage: '',
  description: [
    "Has the node recompute its audit log's hash chain, and compare its head with the newest event any",
    'receipt references. Exits 0 when intact, 1 naming the first broken sequence number. Needs the admin token.',
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
    const { intact, checked, firstBrokenSeq, headSeq, headHash, detail } = result;
    if (cli.json) {
      cli.out(JSON.stringify({ intact, checked: Number(checked), firstBrokenSeq: Number(firstBrokenSeq), headSeq: Number(headSeq), headHash, detail }));
    } else if (intact) {
      cli.out(`audit log intact: ${checked} events checked, head ${headSeq} ${headHash}`);
    } else {
      cli.out(`audit log BROKEN at event ${firstBrokenSeq}: ${detail} (${checked} events checked, head ${headSeq})`);
    }
    return intact ? ExitCode.ok : ExitCode.refused;
  },
});
