export { generateKey } from './generate-key.ts';
export { importKey } from './import-key.ts';
export { exportKey } from './export-key.ts';
export { KEY_FILE_TYPE, KEY_FILE_VERSION, exportKeyFile, type KeyFile } from './key-file.ts';
export { importKeyFile, parseKeyFile, type KeyFileContents } from './parse-key-file.ts';
export { creatorAddress } from './creator-address.ts';
export { signDigest } from './sign-digest.ts';
export type { ArweaveJwk, ArweaveRsaPssKey, ExportedKey, KeyOptions, Secp256k1Key, SigningKey, SigningKeyOf } from './signing-key.ts';
