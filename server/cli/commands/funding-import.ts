import { callError } from '../call-error.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const fundingImportCommand = defineCommand({
  name: 'funding import',
  usage: '[--scan] [<txid:vout> ...]',
  description: [
    "Adds BSV outputs paying the operator's funding address to the node's pool: the outpoints given",
    '(each is looked up on the chain), and with --scan every unspent output of the funding address the',
    'pool does not know yet. Needs the admin token.',
  ].join('\n'),
  positionals: { min: 0, max: Infinity },
  options: {
    scan: { type: 'boolean', help: 'also add every unspent output of the funding address' },
  },
  examples: ['publisher funding import --scan', 'publisher funding import 4a5e…c3:0 9b1f…07:2'],
  async run({ values, positionals }, cli) {
    if (positionals.length === 0 && !values.scan) throw usageError('give outpoints (txid:vout) to import, or --scan');
    const outpoints = positionals.map(parseOutpoint);
    const { funding } = await adminClients(cli);
    let result;
    try {
      result = await funding.importUtxos({ outpoints, scanFundingAddress: values.scan === true });
    } catch (error) {
      throw callError(error, 'importing funding', cli.nodeUrl);
    }
    const { imported, skipped, importedSatoshis } = result;
    cli.out(cli.json ? JSON.stringify({ imported, skipped, importedSatoshis }) : `imported ${imported} output${imported === 1 ? '' : 's'} (${importedSatoshis} satoshi); ${skipped} already in the pool`);
    return ExitCode.ok;
  },
});

function parseOutpoint(text: string): { txid: string; vout: number } {
  const match = /^([0-9a-fA-F]{64}):(\d{1,10})$/.exec(text);
  const vout = Number(match?.[2]);
  if (match === null || vout > 0xffffffff) throw usageError(`${JSON.stringify(text)} is not an outpoint: <txid, 64 hex>:<output index>`);
  return { txid: match[1]!.toLowerCase(), vout };
}
