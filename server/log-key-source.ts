import { sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OperatorKey } from '../core/plugin/index.ts';
import { checkpointSigner, devOrigin, generateLogKeyHex, logKeyFromSeedHex, type CheckpointSigner, type LogKey } from '../core/audit/index.ts';
import { ConfigError, type NodeConfig } from './config/index.ts';
import { dataPath } from './database.ts';
import { ensureSecretFile } from './secret-file.ts';

/**
 * The log key from PUBLISHER_LOG_KEY, from the file PUBLISHER_LOG_KEY_FILE names, or (dev profile)
 * from `<data dir>/log-key`, created once so the log keeps its key and origin across restarts.
 */
export async function loadLogKey(config: NodeConfig): Promise<LogKey> {
  const source = config.logKey;
  let hex: string;
  if (source && 'hex' in source) hex = source.hex;
  else if (source) {
    try {
      hex = (await readFile(source.file, 'utf8')).trim();
    } catch (cause) {
      throw new ConfigError(`PUBLISHER_LOG_KEY_FILE: cannot read ${source.file}: ${(cause as Error).message}`);
    }
  } else hex = await ensureSecretFile(dataPath(config, 'log-key'), generateLogKeyHex);
  try {
    return logKeyFromSeedHex(hex);
  } catch {
    throw new ConfigError('the log key must be 64 hex characters (an Ed25519 seed)');
  }
}

/** The checkpoint signer: the log key under `log.origin`, or in dev an origin derived from the key. */
export async function loadLogSigner(config: NodeConfig): Promise<CheckpointSigner> {
  const key = await loadLogKey(config);
  return checkpointSigner(key, config.logOrigin ?? devOrigin(key));
}

/** The log key as plugins get it: its public half, its verifier key, and a signing function. */
export function operatorKeyOf(signer: CheckpointSigner): OperatorKey {
  const { privateKey, publicKey } = signer.key;
  return { publicKey, verifierKey: signer.verifierKey, sign: (message) => sign(null, message, privateKey) };
}
