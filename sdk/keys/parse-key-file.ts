import { fromHex, toHex } from '../encoding/hex.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import { isObject } from '../json/is-object.ts';
import { schemeByName } from '../schemes/registry.ts';
import type { SchemeName } from '../schemes/scheme.ts';
import { isSecp256k1SecretKey, secp256k1PublicKey } from '../schemes/secp256k1.ts';
import { importKey } from './import-key.ts';
import { KEY_FILE_TYPE, KEY_FILE_VERSION } from './key-file.ts';
import type { ArweaveJwk, ExportedKey, KeyOptions, SigningKey } from './signing-key.ts';

/** What a key file holds: the public key always, the private key when it is not public only. */
export interface KeyFileContents {
  readonly scheme: SchemeName;
  readonly publicKey: string;
  readonly secret: ExportedKey | undefined;
}

/**
 * Reads a parsed key file: the current format (exportKeyFile's), and the older forms still in use:
 * the CLI's `{scheme, publicKey, secretKeyHex | jwk}`, exportKey's `{scheme, secretKeyHex | jwk}`
 * (what the web page exported), a bare Arweave wallet JWK, and a public-only `{scheme, publicKey}`
 * (as `publisher keygen --json` prints it). A public key beside a private key must be that key's.
 * Throws INVALID_KEY, or KEY_MISMATCH for a public key that is not the private key's.
 */
export function parseKeyFile(value: unknown): KeyFileContents {
  if (!isObject(value)) throw invalid('a key file must be a JSON object');
  if (value['type'] !== undefined) {
    if (value['type'] !== KEY_FILE_TYPE) throw invalid(`"type" is ${JSON.stringify(value['type'])}, not "${KEY_FILE_TYPE}"`);
    if (value['version'] !== KEY_FILE_VERSION) throw invalid(`"version" is ${JSON.stringify(value['version'])}; only version ${KEY_FILE_VERSION} is known here (a newer key file needs a newer SDK or CLI)`);
    if (value['publicKey'] === undefined) throw invalid('no "publicKey" member');
  } else if (value['scheme'] === undefined && value['kty'] === 'RSA') {
    return fromParts('arweave-rsa-pss', undefined, value);
  }
  const { scheme, publicKey, secretKeyHex, jwk } = value;
  if (scheme !== 'secp256k1' && scheme !== 'arweave-rsa-pss') throw invalid('no "scheme" of secp256k1 or arweave-rsa-pss');
  if (publicKey !== undefined && typeof publicKey !== 'string') throw invalid('"publicKey" must be a string');
  if (scheme === 'secp256k1') {
    if (secretKeyHex !== undefined && typeof secretKeyHex !== 'string') throw invalid('"secretKeyHex" must be a string of 64 hex characters');
    return fromParts(scheme, publicKey, secretKeyHex);
  }
  if (jwk !== undefined && !isObject(jwk)) throw invalid('"jwk" must be an Arweave wallet JWK (a JSON object)');
  return fromParts(scheme, publicKey, jwk);
}

/** The signing key of a key file (see parseKeyFile); a public-only file is INVALID_KEY. */
export async function importKeyFile(value: unknown, options: KeyOptions = {}): Promise<SigningKey> {
  const { secret } = parseKeyFile(value);
  if (secret === undefined) throw invalid('the key file holds a public key only, no private key to sign with');
  return importKey(secret, options);
}

function fromParts(scheme: SchemeName, publicKey: string | undefined, secretPart: string | Record<string, unknown> | undefined): KeyFileContents {
  const secret = secretPart === undefined ? undefined : scheme === 'secp256k1' ? { scheme, secretKeyHex: secretPart as string } : { scheme, jwk: secretPart as unknown as ArweaveJwk };
  const derived = secret === undefined ? undefined : publicKeyOf(secret);
  if (publicKey === undefined) {
    if (derived === undefined) throw invalid('neither a "publicKey" nor a private key');
    return { scheme, publicKey: derived, secret };
  }
  if (schemeByName(scheme)?.decodePublicKey(publicKey) === undefined) throw invalid(`"publicKey" is not a ${scheme} public key as an intent spells it`);
  if (derived !== undefined && derived !== publicKey) {
    throw new PublisherSdkError('KEY_MISMATCH', '"publicKey" is not the public key of the private key beside it', { metadata: { scheme } });
  }
  return { scheme, publicKey, secret };
}

/** The public key as an intent spells it; the private key's full check is importKey's. */
function publicKeyOf(secret: ExportedKey): string {
  if (secret.scheme === 'arweave-rsa-pss') {
    if (secret.jwk.kty !== 'RSA' || typeof secret.jwk.n !== 'string') throw invalid('"jwk" must be an RSA private key JWK (an Arweave wallet)');
    return secret.jwk.n;
  }
  const secretKey = fromHex(secret.secretKeyHex.toLowerCase());
  if (secretKey === undefined || !isSecp256k1SecretKey(secretKey)) throw invalid('secp256k1 secret key must be 64 hex characters encoding a number from 1 to n - 1');
  return toHex(secp256k1PublicKey(secretKey));
}

function invalid(problem: string): PublisherSdkError {
  return new PublisherSdkError('INVALID_KEY', problem);
}
