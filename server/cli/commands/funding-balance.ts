import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const fundingBalanceCommand = defineCommand({
  name: 'funding balance',
  usage: '',
  description: [
    "Prints the operator's funding per chain: available, reserved by signed transactions not yet final,",
    'and spent (satoshi for BSV, with UTXO counts; winston for Arweave). LOW marks funding below the',
    "node's alarm level. Needs the admin token.",
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {},
  async run(_, cli) {
    const { funding } = await adminClients(cli);
    let balances;
    try {
      ({ balances } = await funding.getBalances({}));
    } catch (error) {
      throw callError(error, 'reading the balances', cli.nodeUrl);
    }
    if (cli.json) {
      cli.out(JSON.stringify(balances.map(({ chain, unit, available, reserved, spent, utxosAvailable, utxosReserved, utxosSpent, low }) => ({
        chain, unit, available, reserved, spent, utxosAvailable, utxosReserved, utxosSpent, low,
      }))));
      return ExitCode.ok;
    }
    for (const b of balances) {
      const utxos = (count: number) => (b.unit === 'satoshi' ? ` (${count} UTXO${count === 1 ? '' : 's'})` : '');
      cli.out(
        `${b.chain.padEnd(8)}  available ${b.available} ${b.unit}${utxos(b.utxosAvailable)}  reserved ${b.reserved}${utxos(b.utxosReserved)}  spent ${b.spent}${utxos(b.utxosSpent)}${b.low ? '  LOW' : ''}`,
      );
    }
    return ExitCode.ok;
  },
});
