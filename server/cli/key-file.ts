import { chmod, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportKeyFile, importKey, isPublisherSdkError, parseKeyFile, type KeyFileContents, type SigningKey } from '../../sdk/index.ts';
import { inputError } from './cli-error.ts';
import { readJsonObject } from './read-input.ts';

/**
 * Writes the SDK's key file (`{type: "chain-publisher-key", version: 1, scheme, publicKey,
 * secretKeyHex | jwk}`), readable by the owner only. An existing file is kept unless `force`.
 */
export async function writeKeyFile(path: string, cwd: string, key: SigningKey, force: boolean): Promise<string> {
  const file = resolve(cwd, path);
  const contents = await exportKeyFile(key);
  try {
    await writeFile(file, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600, flag: force ? 'w' : 'wx' });
    // The mode above applies to new files only; an overwritten one may have been readable by others.
    await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw inputError(`${path} exists already`, { hint: 'choose another --out, or --force to overwrite it (its key is then lost)' });
    }
    throw inputError(`cannot write the key file ${path}: ${(error as Error).message}`);
  }
  return file;
}

/**
 * Reads a key file in any form the SDK's parseKeyFile reads: the current one (keygen's, the web
 * page's export), the older CLI and page forms, an Arweave wallet (a bare JWK), or a public-only
 * file (what `keygen --json` prints), which is enough to register a key.
 */
export async function readKeyFile(path: string, cwd: string): Promise<KeyFileContents> {
  const { value } = await readJsonObject(path, cwd, 'key file');
  try {
    return parseKeyFile(value);
  } catch (error) {
    if (!isPublisherSdkError(error)) throw error;
    throw inputError(`the key file ${path}: ${error.message}`);
  }
}

/** The private key of a key file (parseKeyFile checked that it is the public key the file names). */
export async function readSigningKey(path: string, cwd: string): Promise<SigningKey> {
  const file = await readKeyFile(path, cwd);
  if (file.secret === undefined) throw inputError(`the key file ${path} holds no private key`, { hint: 'sign with the file publisher keygen wrote, or the one the web page exported' });
  try {
    return await importKey(file.secret);
  } catch (error) {
    if (!isPublisherSdkError(error)) throw error;
    throw inputError(`the key file ${path}: ${error.message}`);
  }
}
