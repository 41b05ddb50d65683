import { exportKey } from './export-key.ts';
import type { ExportedKey, SigningKey } from './signing-key.ts';

export const KEY_FILE_TYPE = 'chain-publisher-key';
export const KEY_FILE_VERSION = 1;

/**
 * The one key-file format of the page, the SDK and the CLI: the private key as exportKey gives it
 * (`secretKeyHex` for secp256k1, an Arweave wallet `jwk` for RSA) beside its public key, marked
 * with `type` and `version`. The members are those of the earlier CLI files, which readers that
 * predate `type` therefore still read.
 */
export type KeyFile = { readonly type: typeof KEY_FILE_TYPE; readonly version: typeof KEY_FILE_VERSION; readonly publicKey: string } & ExportedKey;

/** The key as a key file, private key included: keep it where only its owner can read it. */
export async function exportKeyFile(key: SigningKey): Promise<KeyFile> {
  const exported = await exportKey(key);
  const head = { type: KEY_FILE_TYPE, version: KEY_FILE_VERSION } as const;
  return exported.scheme === 'secp256k1'
    ? { ...head, scheme: exported.scheme, publicKey: key.publicKey, secretKeyHex: exported.secretKeyHex }
    : { ...head, scheme: exported.scheme, publicKey: key.publicKey, jwk: exported.jwk };
}
