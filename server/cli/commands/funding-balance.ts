import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminClients } from '../node-clients.ts';

export const fundingBalanceCommand = defineCommand({
  name: 'funding balance',
  usage: '',
  description: [
    "Prints the operator's funding per chain, in the chain's unit. A UTXO-funded chain: available",
    '(spendable outputs), reserved (what signed transactions not yet confirmed will take out of the pool:',
    'their inputs less the change already back) and spent (what confirmed transactions took out: their',
    'fees), with output counts; available + reserved + spent is all the funding ever added. An',
    "account-funded chain: the wallet's balance less what signed transactions reserve (their price), and",
    'that reservation. Chains funded by nothing are not listed. LOW marks',
    "funding below the node's alarm level. Needs the admin token.",
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
      cli.out(JSON.stringify(balances.map(({ chain, unit, available, reserved, spent, utxosAvailable, utxosReserved, utxosSpent, low, utxoPool }) => ({
        chain, unit, available, reserved, spent, utxosAvailable, utxosReserved, utxosSpent, low, utxoPool,
      }))));
      return ExitCode.ok;
    }
    const outputs = (count: number, what: string) => `${count} output${count === 1 ? '' : 's'} ${what}`;
    for (const b of balances) {
      const low = b.low ? '  LOW' : '';
      if (!b.utxoPool) {
        cli.out(`${b.chain.padEnd(8)}  available ${b.available} ${b.unit}  reserved ${b.reserved} (price of signed transactions)${low}`);
        continue;
      }
      cli.out(
        `${b.chain.padEnd(8)}  available ${b.available} ${b.unit} (${outputs(b.utxosAvailable, 'spendable')})  reserved ${b.reserved} (pending transactions, ${outputs(b.utxosReserved, 'in')})  spent ${b.spent} in fees (${outputs(b.utxosSpent, 'used up')})${low}`,
      );
    }
    return ExitCode.ok;
  },
});
