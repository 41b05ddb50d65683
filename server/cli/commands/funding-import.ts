import { callError } from '../call-error.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const fundingImportCommand = defineCommand({
  name: 'funding import',
  usage: '[--chain <name>] [--scan] [<txid:vout> ...]',
  description: [
    "Adds outputs paying the operator's funding address to the pool of a UTXO-funded chain: the",
    'outpoints given (each is looked up on the chain), and with --scan every unspent output of the',
    'funding address the pool does not know yet. --chain may be left out when the node has one',
    'UTXO-funded chain. Needs the admin token.',
  ].join('\n'),
  positionals: { min: 0, max: Infinity },
  options: {
    chain: { type: 'string', value: 'name', help: "the chain whose pool to add to (default: the node's only UTXO-funded chain)" },
    scan: { type: 'boolean', help: 'also add every unspent output of the funding address' },
  },
  examples: ['publisher funding import --scan', 'publisher funding import 4a5e…c3:0 9b1f…07:2'],
  async run({ values, positionals }, cli) {
    if (positionals.length === 0 && !values.scan) throw usageError('give outpoints (txid:vout) to import, or --scan');
    const outpoints = positionals.map(parseOutpoint);
    const { funding } = await adminClients(cli);
    let result;
    try {
      result = await funding.importUtxos({ outpoints, scanFundingAddress: values.scan === true, chain: values.chain ?? '' });
    } catch (error) {
      throw callError(error, 'importing funding', cli.nodeUrl);
    }
    const { imported, skipped, importedAmount, chain, unit } = result;
    cli.out(cli.json ? JSON.stringify({ chain, imported, skipped, importedAmount, unit }) : `${chain}: imported ${imported} output${imported === 1 ? '' : 's'} (${importedAmount} ${unit}); ${skipped} already in the pool`);
    return ExitCode.ok;
  },
});

function parseOutpoint(text: string): { txid: string; vout: number } {
  const match = /^([0-9a-fA-F]{64}):(\d{1,10})$/.exec(text);
  const vout = Number(match?.[2]);
  if (match === null || vout > 0xffffffff) throw usageError(`${JSON.stringify(text)} is not an outpoint: <txid, 64 hex>:<output index>`);
  return { txid: match[1]!.toLowerCase(), vout };
}
