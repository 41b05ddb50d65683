import { creatorAddress, generateKey, type SchemeName } from '../../../sdk/index.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeKeyFile } from '../key-file.ts';

const schemes: readonly SchemeName[] = ['secp256k1', 'arweave-rsa-pss'];

export const keygenCommand = defineCommand({
  name: 'keygen',
  usage: '[--scheme secp256k1|arweave-rsa-pss] [--out key.json]',
  description: [
    'Creates a creator key on this computer and writes it to a key file readable by you only (mode 0600).',
    'Prints the public key (what an operator registers) and the creator addresses it publishes as.',
    'arweave-rsa-pss keys are RSA-4096 and their file is an Arweave wallet JWK; creating one takes a few seconds.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    scheme: { type: 'string', value: 'scheme', help: 'secp256k1 (default) or arweave-rsa-pss' },
    out: { type: 'string', short: 'o', value: 'file', help: 'where to write the key (default key.json)' },
    force: { type: 'boolean', help: 'overwrite an existing file (its key is lost)' },
  },
  examples: ['publisher keygen --out alice.key.json', 'publisher keygen --scheme arweave-rsa-pss --out wallet.key.json --json'],
  async run({ values }, cli) {
    const scheme = values.scheme ?? 'secp256k1';
    if (!isScheme(scheme)) throw usageError(`--scheme must be one of ${schemes.join(', ')}, not ${JSON.stringify(scheme)}`);
    const key = await generateKey(scheme);
    const file = await writeKeyFile(values.out ?? 'key.json', cli.cwd, key, values.force === true);
    const addresses = { mainnet: creatorAddress(key, 'mainnet'), test: creatorAddress(key, 'test') };
    if (cli.json) {
      // Without the private key, so this output is itself a public key file (keys register --key).
      cli.out(JSON.stringify({ file, scheme, publicKey: key.publicKey, addresses }));
      return ExitCode.ok;
    }
    cli.progress(`wrote ${file} (${scheme}, readable by you only: keep it safe, it signs as you)`);
    cli.out(`scheme      ${scheme}`);
    cli.out(`public key  ${key.publicKey}`);
    cli.out(addresses.mainnet === addresses.test ? `address     ${addresses.mainnet}` : `address     ${addresses.mainnet} (mainnet)\n            ${addresses.test} (test networks)`);
    return ExitCode.ok;
  },
});

function isScheme(name: string): name is SchemeName {
  return (schemes as readonly string[]).includes(name);
}
