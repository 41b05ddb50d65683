import { readFile } from 'node:fs/promises';
import { generateReceiptKeyHex, receiptKeyFromHex, type ReceiptKey } from '../core/receipts/index.ts';
import { ConfigError, type NodeConfig } from './config/index.ts';
import { dataPath } from './database.ts';
import { ensureSecretFile } from './secret-file.ts';

/**
 * The receipt key from PUBLISHER_RECEIPT_KEY, from the file PUBLISHER_RECEIPT_KEY_FILE names, or
 * (dev profile) from `<data dir>/receipt-key`, created once so receipts keep verifying across restarts.
 */
export async function loadReceiptKey(config: NodeConfig): Promise<ReceiptKey> {
  const source = config.receiptKey;
  let hex: string;
  if (source && 'hex' in source) hex = source.hex;
  else if (source) {
    try {
      hex = (await readFile(source.file, 'utf8')).trim();
    } catch (cause) {
      throw new ConfigError(`PUBLISHER_RECEIPT_KEY_FILE: cannot read ${source.file}: ${(cause as Error).message}`);
    }
  } else hex = await ensureSecretFile(dataPath(config, 'receipt-key'), generateReceiptKeyHex);
  try {
    return receiptKeyFromHex(hex);
  } catch {
    throw new ConfigError('the receipt key must be 64 hex characters (a secp256k1 secret key)');
  }
}
