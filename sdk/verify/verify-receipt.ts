import type { SignedIntent } from '../intent/intent-envelope.ts';
import { checkReceiptMatches, checkReceiptSignature, parseReceipt } from './check-receipt.ts';
import { readIntent } from './read-intent.ts';

export interface VerifyReceiptOptions {
  /** The operator's log verifier key, `<origin>+<hex key ID>+<base64 key>` (GetInfo.log_verifier_key). */
  readonly logKey: string;
  /** The intent it answers: its entry must name its record id, creator and targets. */
  readonly intent?: SignedIntent | string;
}

/**
 * True when a receipt (the c2sp.org/tlog-proof@v1 text, wire-format.md §2) is the inclusion proof
 * of an entry in a checkpoint signed by `logKey`, and, given the intent, that entry records its
 * acceptance. Offline.
 */
export async function verifyReceipt(receipt: string, options: VerifyReceiptOptions): Promise<boolean> {
  const read = parseReceipt(receipt);
  if (!checkReceiptSignature(read, { key: options.logKey, fromBundle: false }).ok) return false;
  if (options.intent === undefined) return true;
  const { facts } = await readIntent(options.intent);
  return facts !== undefined && checkReceiptMatches(read, facts).ok;
}
