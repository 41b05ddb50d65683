import { chmod, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { creatorAddress, exportKey, importKey, isPublisherSdkError, type ArweaveJwk, type ExportedKey, type SchemeName, type SigningKey } from '../../sdk/index.ts';
import { inputError } from './cli-error.ts';
import { readJsonObject } from './read-input.ts';

/** A key file's public part, and the private key when the file holds one. */
export interface KeyFile {
  readonly scheme: SchemeName;
  readonly publicKey: string;
  readonly secret: ExportedKey | undefined;
}

/**
 * Writes `{ scheme, publicKey, secretKeyHex }` (secp256k1) or `{ scheme, publicKey, jwk }` (an
 * Arweave wallet JWK), readable by the owner only. An existing file is kept unless `force`.
 */
export async function writeKeyFile(path: string, cwd: string, key: SigningKey, force: boolean): Promise<string> {
  const file = resolve(cwd, path);
  const contents = { publicKey: key.publicKey, ...(await exportKey(key)) };
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
 * Reads a key file from keygen, an Arweave wallet (a bare JWK), or a public-only file with just
 * `scheme` and `publicKey` (what `keygen --json` prints), which is enough to register a key.
 */
export async function readKeyFile(path: string, cwd: string): Promise<KeyFile> {
  const { value } = await readJsonObject(path, cwd, 'key file');
  if (value['kty'] === 'RSA' && typeof value['n'] === 'string') {
    return { scheme: 'arweave-rsa-pss', publicKey: value['n'], secret: { scheme: 'arweave-rsa-pss', jwk: value as unknown as ArweaveJwk } };
  }
  const { scheme, publicKey, secretKeyHex, jwk } = value;
  if (scheme !== 'secp256k1' && scheme !== 'arweave-rsa-pss') throw inputError(`the key file ${path} has no "scheme" of secp256k1 or arweave-rsa-pss`);
  if (typeof publicKey !== 'string') throw inputError(`the key file ${path} has no "publicKey"`);
  try {
    creatorAddress({ scheme, publicKey }, 'test');
  } catch (error) {
    throw inputError(`the key file ${path}: ${(error as Error).message}`);
  }
  const secret: ExportedKey | undefined =
    scheme === 'secp256k1' && typeof secretKeyHex === 'string' ? { scheme, secretKeyHex }
    : scheme === 'arweave-rsa-pss' && typeof jwk === 'object' && jwk !== null ? { scheme, jwk: jwk as ArweaveJwk }
    : undefined;
  return { scheme, publicKey, secret };
}

/** The private key of a key file, checked against the public key the file names. */
export async function readSigningKey(path: string, cwd: string): Promise<SigningKey> {
  const file = await readKeyFile(path, cwd);
  if (file.secret === undefined) throw inputError(`the key file ${path} holds no private key`, { hint: 'sign with the file publisher keygen wrote' });
  let key: SigningKey;
  try {
    key = await importKey(file.secret);
  } catch (error) {
    if (!isPublisherSdkError(error)) throw error;
    throw inputError(`the key file ${path}: ${error.message}`);
  }
  if (key.publicKey !== file.publicKey) throw inputError(`the key file ${path} names a publicKey that is not its private key's`);
  return key;
}
