import { creatorAddress, isPublisherSdkError } from '../../sdk/index.ts';
import type { CliContext } from './cli-context.ts';
import { usageError } from './cli-error.ts';
import { readKeyFile } from './key-file.ts';
import type { OptionSpecs, OptionValues } from './option-specs.ts';

/** How the key commands name a creator key: a file, or the public key itself. */
export const keySelectionOptions = {
  key: { type: 'string', short: 'k', value: 'key.json', help: "a key file: keygen's, an Arweave wallet, or public only ({scheme, publicKey})" },
  'public-key': { type: 'string', value: 'key', help: 'the public key as an intent spells it (secp256k1: 66 hex; RSA: base64url modulus)' },
  scheme: { type: 'string', value: 'scheme', help: 'of --public-key: secp256k1 (default) or arweave-rsa-pss' },
} as const satisfies OptionSpecs;

export interface SelectedKey {
  readonly scheme: string;
  readonly publicKey: string;
}

export async function selectedKey(values: OptionValues<typeof keySelectionOptions>, cli: CliContext): Promise<SelectedKey> {
  if ((values.key === undefined) === (values['public-key'] === undefined)) throw usageError('name the key with either --key <key.json> or --public-key <key>');
  if (values.key !== undefined) {
    if (values.scheme !== undefined) throw usageError('--scheme goes with --public-key; a key file names its own scheme');
    const { scheme, publicKey } = await readKeyFile(values.key, cli.cwd);
    return { scheme, publicKey };
  }
  const key = { scheme: values.scheme ?? 'secp256k1', publicKey: values['public-key'] ?? '' };
  try {
    creatorAddress(key, 'test');
  } catch (error) {
    if (!isPublisherSdkError(error)) throw error;
    throw usageError(`--public-key: ${error.message}`);
  }
  return key;
}
